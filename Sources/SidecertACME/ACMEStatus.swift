/// The `status` of an order, authorization or challenge (RFC 8555 §7.1.6).
///
/// A struct so that a status a CA invents still decodes; the state machines treat unknown ones as a protocol
/// violation rather than guessing.
struct ACMEStatus: RawRepresentable, Hashable, Sendable, Decodable, CustomStringConvertible {
    var rawValue: String

    init(rawValue: String) {
        self.rawValue = rawValue
    }

    init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    var description: String { rawValue }

    static let pending = ACMEStatus(rawValue: "pending")
    static let ready = ACMEStatus(rawValue: "ready")
    static let processing = ACMEStatus(rawValue: "processing")
    static let valid = ACMEStatus(rawValue: "valid")
    static let invalid = ACMEStatus(rawValue: "invalid")
    static let deactivated = ACMEStatus(rawValue: "deactivated")
    static let expired = ACMEStatus(rawValue: "expired")
    static let revoked = ACMEStatus(rawValue: "revoked")
}
