#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The URL-safe base64 alphabet without padding (RFC 7515 §2) used by every ACME and JOSE field.
enum Base64URL {
    /// Encodes bytes as base64url with no `=` padding.
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacing("+", with: "-")
            .replacing("/", with: "_")
            .replacing("=", with: "")
    }

    /// Decodes base64url, tolerating padding and the standard alphabet because CAs hand out EAB keys in both.
    /// Returns `nil` for anything that is not base64.
    static func decode(_ text: String) -> [UInt8]? {
        var standard = text.filter { !$0.isWhitespace }
            .replacing("-", with: "+")
            .replacing("_", with: "/")
            .replacing("=", with: "")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }

    /// Whether the text is non-empty and uses only the base64url alphabet (no padding).
    static func isWellFormed(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
