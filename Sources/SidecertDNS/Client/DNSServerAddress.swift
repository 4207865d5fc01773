/// Where a DNS server listens: a host (an IP address, or a name the system resolves) and a port.
public struct DNSServerAddress: Hashable, Sendable, CustomStringConvertible {
    /// An IP address or a host name, without brackets.
    public let host: String
    /// The port, 53 unless given.
    public let port: Int

    public init(host: String, port: Int = 53) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, `HOST`, `[IPV6]:PORT` or a bare IPv6 address; the port defaults to 53.
    public init(parsing text: String) throws(DNSError) {
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
        guard (1...65535).contains(port) else { throw invalid("the port must be 1 to 65535") }
        self.init(host: String(host), port: port)
    }

    /// `host:port`, with brackets around an IPv6 address.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
