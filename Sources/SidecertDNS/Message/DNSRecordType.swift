/// A resource record TYPE (or QTYPE).
package struct DNSRecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric type.
    package let rawValue: UInt16

    package init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// IPv4 address (RFC 1035).
    package static let a = DNSRecordType(rawValue: 1)
    /// Authoritative name server (RFC 1035).
    package static let ns = DNSRecordType(rawValue: 2)
    /// Canonical name, an alias (RFC 1035).
    package static let cname = DNSRecordType(rawValue: 5)
    /// Start of authority, the zone apex (RFC 1035).
    package static let soa = DNSRecordType(rawValue: 6)
    /// Text strings (RFC 1035).
    package static let txt = DNSRecordType(rawValue: 16)
    /// IPv6 address (RFC 3596).
    package static let aaaa = DNSRecordType(rawValue: 28)
    /// EDNS0 pseudo-record (RFC 6891).
    package static let opt = DNSRecordType(rawValue: 41)
    /// Transaction signature pseudo-record (RFC 8945).
    package static let tsig = DNSRecordType(rawValue: 250)
    /// Zone transfer (RFC 5936).
    package static let axfr = DNSRecordType(rawValue: 252)
    /// Any type (a query or an UPDATE deletion).
    package static let any = DNSRecordType(rawValue: 255)

    /// The mnemonic (`TXT`), or `TYPE<n>` (RFC 3597) for others.
    package var description: String {
        switch rawValue {
        case 1: "A"
        case 2: "NS"
        case 5: "CNAME"
        case 6: "SOA"
        case 16: "TXT"
        case 28: "AAAA"
        case 41: "OPT"
        case 250: "TSIG"
        case 252: "AXFR"
        case 255: "ANY"
        default: "TYPE\(rawValue)"
        }
    }
}
