/// Where a DNS server listens: a host (an IP address, or a name the system resolves) and a port.
package struct DNSServerAddress: Hashable, Sendable, CustomStringConvertible {
    /// An IP address or a host name, without brackets.
    package let host: String
    /// The port, 53 unless given.
    package let port: Int

    package init(host: String, port: Int = 53) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, `HOST`, `[IPV6]:PORT` or a bare IPv6 address; the port defaults to 53.
    package init(parsing text: String) throws(DNSError) {
        func invalid(_ why: String) -> DNSError {
            DNSError(code: .invalidArgument, message: "'\(text)' is not a DNS server address (HOST:PORT): \(why)")
        }
        var host = Substring(text)
        var port = 53
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("an IPv6 address in brackets needs its ']'") }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()) else { throw invalid("the port after ']:' is not a number") }
                port = value
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            guard let value = Int(text[text.index(after: colon)...]) else { throw invalid("the port is not a number") }
            port = value
        }
        guard !host.isEmpty else { throw invalid("the host is empty") }
        // Caught here, a typo is bad input; left for the resolver, it would look like a server that is down.
        guard Self.isIPAddressOrHostName(host) else { throw invalid("'\(host)' is neither an IP address nor a host name") }
        guard (1...65535).contains(port) else { throw invalid("the port must be 1 to 65535") }
        self.init(host: String(host), port: port)
    }

    /// Whether `host` looks like an IPv4 or IPv6 address (an IPv6 zone, `%eth0`, allowed) or a host name
    /// (labels of letters, digits, `-` and `_`, at most 63 bytes each, 253 in all, a final dot allowed).
    static func isIPAddressOrHostName(_ host: Substring) -> Bool {
        if host.contains(":") {
            let address = host.prefix { $0 != "%" }
            return !address.isEmpty && address.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        let name = host.hasSuffix(".") ? host.dropLast() : host
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }
        }
    }

    /// `host:port`, with brackets around an IPv6 address.
    package var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
