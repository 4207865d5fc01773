import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A TSIG key (RFC 8945): a name the server knows, an algorithm, and a shared secret.
///
/// Its ``description`` never shows the secret, so a key can be logged.
package struct TSIGKey: Sendable, CustomStringConvertible {
    /// The key's name, as configured on the server (`key "acme-update" { … }`).
    package let name: DNSName
    /// The MAC algorithm.
    package let algorithm: TSIGAlgorithm
    let secret: SymmetricKey

    /// The clock difference a signature allows, in seconds; 300 is what RFC 8945 recommends.
    package static let defaultFudge: UInt16 = 300

    /// A key from its secret in base64, as `tsig-keygen` prints it.
    package init(name: DNSName, algorithm: TSIGAlgorithm = .hmacSHA256, base64Secret: String) throws(DNSError) {
        let trimmed = base64Secret.filter { !$0.isWhitespace }
        guard let secret = Data(base64Encoded: trimmed), !secret.isEmpty else {
            throw DNSError(
                code: .invalidArgument,
                message: "the secret of TSIG key '\(name)' is not base64 (as tsig-keygen prints it in its 'secret' line)"
            )
        }
        self.init(name: name, algorithm: algorithm, secret: Array(secret))
    }

    /// A key from its raw secret bytes.
    package init(name: DNSName, algorithm: TSIGAlgorithm = .hmacSHA256, secret: [UInt8]) {
        self.name = name
        self.algorithm = algorithm
        self.secret = SymmetricKey(data: secret)
    }

    package var description: String { "TSIG key '\(name)' (\(algorithm))" }
}
