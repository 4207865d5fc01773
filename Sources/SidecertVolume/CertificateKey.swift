import Crypto
import SwiftASN1
import X509
import _CryptoExtras

/// A certificate's private key, with its type known.
///
/// Deliberately not `CustomStringConvertible`: printing it must never put key material in a log.
package struct CertificateKey: Sendable {
    /// The algorithm and size.
    package let type: CertificateKeyType
    /// The key as swift-certificates uses it (to sign CSRs and certificates, to compare with a leaf's key).
    package let privateKey: Certificate.PrivateKey

    /// Generates a new key; RSA keys take from milliseconds (2048) to seconds (4096).
    package static func generate(_ type: CertificateKeyType) throws -> CertificateKey {
        let key: Certificate.PrivateKey =
            switch type {
            case .ecdsaP256: Certificate.PrivateKey(P256.Signing.PrivateKey())
            case .ecdsaP384: Certificate.PrivateKey(P384.Signing.PrivateKey())
            case .rsa2048: Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits2048))
            case .rsa3072: Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits3072))
            case .rsa4096: Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits4096))
            }
        return try CertificateKey(key)
    }

    /// Wraps a parsed key; throws for algorithms Sidecert does not support.
    package init(_ privateKey: Certificate.PrivateKey) throws {
        guard let type = CertificateKeyType(publicKey: privateKey.publicKey) else {
            throw VolumeError(
                code: .unsupportedKey,
                path: nil,
                message: "the key (\(privateKey.publicKey)) is not one of "
                    + CertificateKeyType.allCases.map(\.rawValue).joined(separator: ", ")
                    + "; use a key of a supported type"
            )
        }
        self.type = type
        self.privateKey = privateKey
    }

    /// Parses a PEM key: PKCS#8 (`PRIVATE KEY`), SEC1 (`EC PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`).
    ///
    /// - Parameter source: the file it came from, for the error message.
    package init(pemEncoded pem: String, source: String? = nil) throws {
        let parsed: Certificate.PrivateKey
        do {
            parsed = try Certificate.PrivateKey(pemEncoded: pem)
        } catch {
            // The underlying error may quote the input; say only what kind of failure it was.
            throw VolumeError(
                code: .corruptFile,
                path: source,
                message: "does not hold a readable PEM private key (PKCS#8, SEC1 or PKCS#1); replace it"
            )
        }
        do {
            try self.init(parsed)
        } catch let error as VolumeError {
            throw VolumeError(code: error.code, path: source, message: error.message)
        }
    }

    /// The key in PEM: PKCS#8 for ECDSA, PKCS#1 for RSA (what swift-crypto writes and every frontend reads).
    package func pemEncoded() throws -> String {
        try privateKey.serializeAsPEM().pemString + "\n"
    }
}
