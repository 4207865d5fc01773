import SwiftASN1
import X509

/// The contents of one published version: a leaf, the chain the CA sent, the key, and `meta.json`.
///
/// Checked on construction (the chain parses, the key matches the leaf), so a publisher can never put
/// a key beside a certificate it does not belong to.
public struct CertificateFiles: Sendable {
    /// Leaf + intermediates: what nginx's `ssl_certificate` wants.
    public static let fullchainFile = "fullchain.pem"
    /// The leaf alone.
    public static let certificateFile = "cert.pem"
    /// The intermediates alone, as the CA sent them (possibly empty).
    public static let chainFile = "chain.pem"
    /// The private key (0600, or 0640 with a group).
    public static let privateKeyFile = "privkey.pem"
    /// Key + full chain in one file, for HAProxy (same mode as the key).
    public static let bundleFile = "bundle.pem"
    /// ``VersionMetadata`` as JSON.
    public static let metadataFile = "meta.json"

    /// The leaf certificate, PEM.
    public let leafPEM: String
    /// The intermediates in the CA's order, PEM; empty for a self-signed certificate.
    public let intermediatesPEM: String
    /// The private key, PEM.
    public let keyPEM: String
    /// Where the certificate came from.
    public let metadata: VersionMetadata

    /// - Parameters:
    ///   - certificateChainPEM: the leaf first, then intermediates, as the CA (or the operator) gave them.
    ///   - key: the leaf's private key.
    public init(certificateChainPEM: String, key: CertificateKey, metadata: VersionMetadata) throws {
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
        self.leafPEM = leafDocument.pemString + "\n"
        self.intermediatesPEM = documents.dropFirst().map { $0.pemString + "\n" }.joined()
        self.keyPEM = try key.pemEncoded()
        self.metadata = metadata
    }

    /// Leaf followed by intermediates.
    public var fullchainPEM: String { leafPEM + intermediatesPEM }

    /// Key followed by the full chain (HAProxy's `crt` format).
    public var bundlePEM: String { keyPEM + fullchainPEM }

    /// Every file of a version directory with its content and whether it holds the private key.
    func entries() throws -> [(name: String, bytes: [UInt8], isSecret: Bool)] {
        [
            (Self.fullchainFile, Array(fullchainPEM.utf8), false),
            (Self.certificateFile, Array(leafPEM.utf8), false),
            (Self.chainFile, Array(intermediatesPEM.utf8), false),
            (Self.privateKeyFile, Array(keyPEM.utf8), true),
            (Self.bundleFile, Array(bundlePEM.utf8), true),
            (Self.metadataFile, try VolumeJSON.encode(metadata), false),
        ]
    }

    private static func invalid(_ message: String) -> VolumeError {
        VolumeError(code: .corruptFile, path: nil, message: "\(message); nothing was published")
    }
}
