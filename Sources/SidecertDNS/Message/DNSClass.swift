/// A resource record CLASS. UPDATE (RFC 2136) gives NONE and ANY a meaning of their own.
public struct DNSClass: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric class.
    public let rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The Internet.
    public static let internet = DNSClass(rawValue: 1)
    /// Chaos (server identification queries).
    public static let chaos = DNSClass(rawValue: 3)
    /// NONE: in an UPDATE's update section, "delete exactly this record".
    public static let none = DNSClass(rawValue: 254)
    /// ANY: in an UPDATE, "delete every record of this set"; the class of TSIG records.
    public static let any = DNSClass(rawValue: 255)

    /// The mnemonic (`IN`), or `CLASS<n>` for others.
    public var description: String {
        switch rawValue {
        case 1: "IN"
        case 3: "CH"
        case 254: "NONE"
        case 255: "ANY"
        default: "CLASS\(rawValue)"
        }
    }
}
