/// A name a certificate is requested for, as ACME spells it: `{"type": "dns", "value": "example.com"}`.
///
/// Names are sent as given: the caller normalizes them first (A-labels, canonical IP text). A wildcard order
/// asks for `*.example.com`; its authorization comes back for `example.com`.
public struct ACMEIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier type: `"dns"` (RFC 8555) or `"ip"` (RFC 8738).
    public var type: String
    /// The name or address.
    public var value: String

    /// Creates an identifier of any type.
    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }

    /// A DNS name, wildcards included (`*.example.com`).
    public static func dns(_ name: String) -> ACMEIdentifier {
        ACMEIdentifier(type: "dns", value: name)
    }

    /// An IP address in canonical text form (RFC 8738).
    public static func ip(_ address: String) -> ACMEIdentifier {
        ACMEIdentifier(type: "ip", value: address)
    }

    public var description: String { value }
}
