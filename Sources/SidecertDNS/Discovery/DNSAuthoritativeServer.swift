/// One address of one of a zone's authoritative servers (an NS name with two addresses is two).
package struct DNSAuthoritativeServer: Hashable, Sendable, CustomStringConvertible {
    /// The server's name, from the zone's NS record.
    package let name: DNSName
    /// Where to ask it.
    package let address: DNSServerAddress

    package init(name: DNSName, address: DNSServerAddress) {
        self.name = name
        self.address = address
    }

    /// `ns1.example.com (192.0.2.1)`, with the port only when it is not 53.
    package var description: String {
        "\(name) (\(address.port == 53 ? address.host : address.description))"
    }
}
