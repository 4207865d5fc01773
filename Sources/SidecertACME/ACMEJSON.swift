import Foundation

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
                code: .invalidResponse,
                message: "The ACME server sent a \(Document.self) document from \(url.absoluteString) that could not "
                    + "be read: \(error).",
                underlyingError: error
            )
        }
    }
}
