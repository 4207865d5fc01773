/// A name a certificate is requested for, as ACME spells it: `{"type": "dns", "value": "example.com"}`.
///
/// Names are sent as given: the caller normalizes them first (A-labels, canonical IP text). A wildcard order
/// asks for `*.example.com`; its authorization comes back for `example.com`.
package struct ACMEIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier type: `"dns"` (RFC 8555) or `"ip"` (RFC 8738).
    package var type: String
    /// The name or address.
    package var value: String

    /// Creates an identifier of any type.
    package init(type: String, value: String) {
        self.type = type
        self.value = value
    }

    /// A DNS name, wildcards included (`*.example.com`).
    package static func dns(_ name: String) -> ACMEIdentifier {
        ACMEIdentifier(type: "dns", value: name)
    }

    /// An IP address in canonical text form (RFC 8738).
    package static func ip(_ address: String) -> ACMEIdentifier {
        ACMEIdentifier(type: "ip", value: address)
    }

    package var description: String { value }
}
