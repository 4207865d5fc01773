/// One address of one of a zone's authoritative servers (an NS name with two addresses is two).
public struct DNSAuthoritativeServer: Hashable, Sendable, CustomStringConvertible {
    /// The server's name, from the zone's NS record.
    public let name: DNSName
    /// Where to ask it.
    public let address: DNSServerAddress

    public init(name: DNSName, address: DNSServerAddress) {
        self.name = name
        self.address = address
    }

    /// `ns1.example.com (192.0.2.1)`, with the port only when it is not 53.
    public var description: String {
        "\(name) (\(address.port == 53 ? address.host : address.description))"
    }
}
