#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The system's resolver, as /etc/resolv.conf names it.
extension DNSServerAddress {
    /// The first `nameserver` line of `path` (resolv.conf(5)), port 53.
    package static func systemResolver(resolvConfPath path: String = "/etc/resolv.conf") throws(DNSError) -> DNSServerAddress {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DNSError(code: .invalidArgument, message: "cannot read \(path) to find the system's DNS resolver; give a resolver address instead")
        }
        guard let address = firstNameserver(inResolvConf: String(decoding: data, as: UTF8.self)) else {
            throw DNSError(code: .invalidArgument, message: "\(path) has no 'nameserver' line; give a resolver address instead")
        }
        return address
    }

    /// The first `nameserver` of resolv.conf text; an IPv6 scope (`%eth0`) is dropped.
    static func firstNameserver(inResolvConf text: String) -> DNSServerAddress? {
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, fields[0] == "nameserver" else { continue }
            let host = fields[1].split(separator: "%").first.map(String.init) ?? String(fields[1])
            return DNSServerAddress(host: host, port: 53)
        }
        return nil
    }
}
