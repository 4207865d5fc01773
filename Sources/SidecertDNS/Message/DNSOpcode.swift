/// A message's OPCODE: what kind of request it is.
package struct DNSOpcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric opcode (4 bits).
    package let rawValue: UInt8

    package init(rawValue: UInt8) {
        self.rawValue = rawValue & 0x0F
    }

    /// A standard query.
    package static let query = DNSOpcode(rawValue: 0)
    /// A zone-change notification to secondaries (RFC 1996).
    package static let notify = DNSOpcode(rawValue: 4)
    /// A dynamic update (RFC 2136).
    package static let update = DNSOpcode(rawValue: 5)

    package var description: String {
        switch rawValue {
        case 0: "QUERY"
        case 4: "NOTIFY"
        case 5: "UPDATE"
        default: "OPCODE\(rawValue)"
        }
    }
}
