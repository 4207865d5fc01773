import SwiftASN1
import X509

/// One key and the certificate chain issued for it: what a frontend loads for one key type.
///
/// Checked on construction (the chain parses, the key matches the leaf), so a publisher can never put
/// a key beside a certificate it does not belong to.
package struct CertificateCredential: Sendable {
    /// The key's type.
    package let keyType: CertificateKeyType
    /// The leaf certificate, PEM.
    package let leafPEM: String
    /// The intermediates in the CA's order, PEM; empty for a self-signed certificate.
    package let intermediatesPEM: String
    /// The private key, PEM.
    package let keyPEM: String

    /// - Parameters:
    ///   - certificateChainPEM: the leaf first, then intermediates, as the CA (or the operator) gave them.
    ///   - key: the leaf's private key.
    package init(certificateChainPEM: String, key: CertificateKey) throws {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: certificateChainPEM)
        } catch {
            throw Self.invalid("the certificate chain is not valid PEM")
        }
        guard let leafDocument = documents.first else { throw Self.invalid("the certificate chain is empty") }
        guard documents.allSatisfy({ $0.discriminator == "CERTIFICATE" }) else {
            throw Self.invalid("the certificate chain holds something other than certificates")
        }
        let leaf: Certificate
        do {
            leaf = try Certificate(pemDocument: leafDocument)
            for intermediate in documents.dropFirst() { _ = try Certificate(pemDocument: intermediate) }
        } catch {
            throw Self.invalid("a certificate in the chain does not parse (\(error))")
        }
        guard leaf.publicKey == key.privateKey.publicKey else {
            throw Self.invalid("the private key does not belong to the first certificate of the chain")
        }
        self.keyType = key.type
        self.leafPEM = leafDocument.pemString + "\n"
        self.intermediatesPEM = documents.dropFirst().map { $0.pemString + "\n" }.joined()
        self.keyPEM = try key.pemEncoded()
    }

    /// Leaf followed by intermediates.
    package var fullchainPEM: String { leafPEM + intermediatesPEM }

    /// Key followed by the full chain (HAProxy's `crt` format).
    package var bundlePEM: String { keyPEM + fullchainPEM }

    static func invalid(_ message: String) -> VolumeError {
        VolumeError(code: .corruptFile, path: nil, message: "\(message); nothing was published")
    }
}
