#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The one place ACME JSON is encoded and decoded, so every message uses the same rules.
///
/// Decoding is lenient: unknown members are ignored (CAs add fields over time). Encoding sorts keys and leaves
/// slashes unescaped, which makes signed payloads deterministic and readable in logs and tests.
enum ACMEJSON {
    /// Encodes a payload or a JWS.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    /// Decodes a server document; a document that does not fit is the CA breaking the protocol.
    static func decode<Document: Decodable>(_ type: Document.Type, from body: [UInt8], url: URL) throws -> Document {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw ACMEError(
                code: .unreadableDocument,
                message: "The ACME server sent a \(Document.self) document from \(url.absoluteString) that could not "
                    + "be read: \(describe(error)).",
                underlyingError: error
            )
        }
    }

    /// A decoding failure in a few words: the body was not JSON, or which member was missing or malformed
    /// (Foundation's own description runs to several lines of coding paths).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            (context.codingPath + (key.map { [$0] } ?? [])).map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "it has no \"\(path(context, key))\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "its \"\(path(context))\" is not what RFC 8555 says it is"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "it is not JSON"
        case .dataCorrupted(let context):
            return "its \"\(path(context))\" is malformed (\(context.debugDescription))"
        @unknown default:
            return "\(error)"
        }
    }
}
