/// A resource record CLASS. UPDATE (RFC 2136) gives NONE and ANY a meaning of their own.
package struct DNSClass: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric class.
    package let rawValue: UInt16

    package init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The Internet.
    package static let internet = DNSClass(rawValue: 1)
    /// Chaos (server identification queries).
    package static let chaos = DNSClass(rawValue: 3)
    /// NONE: in an UPDATE's update section, "delete exactly this record".
    package static let none = DNSClass(rawValue: 254)
    /// ANY: in an UPDATE, "delete every record of this set"; the class of TSIG records.
    package static let any = DNSClass(rawValue: 255)

    /// The mnemonic (`IN`), or `CLASS<n>` for others.
    package var description: String {
        switch rawValue {
        case 1: "IN"
        case 3: "CH"
        case 254: "NONE"
        case 255: "ANY"
        default: "CLASS\(rawValue)"
        }
    }
}
