/// The contents of one published version: one credential per key type (a leaf, the chain the CA sent, the
/// key), and `meta.json`.
///
/// The first credential keeps the names every frontend config knows (`fullchain.pem`, `privkey.pem`, …);
/// each further key type gets the same names with its type before `.pem` (`fullchain.rsa-2048.pem`), so a
/// frontend serving RSA and ECDSA certificates side by side loads both from one version, swapped at once.
package struct CertificateFiles: Sendable {
    /// Leaf + intermediates: what nginx's `ssl_certificate` wants.
    package static let fullchainFile = "fullchain.pem"
    /// The leaf alone.
    package static let certificateFile = "cert.pem"
    /// The intermediates alone, as the CA sent them (possibly empty).
    package static let chainFile = "chain.pem"
    /// The private key (0600, or 0640 with a group).
    package static let privateKeyFile = "privkey.pem"
    /// Key + full chain in one file, for HAProxy (same mode as the key).
    package static let bundleFile = "bundle.pem"
    /// ``VersionMetadata`` as JSON.
    package static let metadataFile = "meta.json"

    /// The credentials, the primary (plain file names) first; one per key type.
    package let credentials: [CertificateCredential]
    /// Where the certificates came from.
    package let metadata: VersionMetadata

    /// A version of several credentials; the first is the primary. Refuses an empty list and a key type twice.
    package init(credentials: [CertificateCredential], metadata: VersionMetadata) throws {
        guard !credentials.isEmpty else { throw CertificateCredential.invalid("a version needs at least one certificate") }
        guard Set(credentials.map(\.keyType)).count == credentials.count else {
            throw CertificateCredential.invalid("a version holds one certificate per key type")
        }
        self.credentials = credentials
        var metadata = metadata
        metadata.keyTypes = credentials.map(\.keyType.rawValue)
        self.metadata = metadata
    }

    /// A version of one credential.
    ///
    /// - Parameters:
    ///   - certificateChainPEM: the leaf first, then intermediates, as the CA (or the operator) gave them.
    ///   - key: the leaf's private key.
    package init(certificateChainPEM: String, key: CertificateKey, metadata: VersionMetadata) throws {
        try self.init(credentials: [try CertificateCredential(certificateChainPEM: certificateChainPEM, key: key)], metadata: metadata)
    }

    /// The primary credential.
    package var primary: CertificateCredential { credentials[0] }

    /// The primary's leaf, PEM.
    package var leafPEM: String { primary.leafPEM }
    /// The primary's intermediates, PEM.
    package var intermediatesPEM: String { primary.intermediatesPEM }
    /// The primary's key, PEM.
    package var keyPEM: String { primary.keyPEM }
    /// The primary's leaf followed by its intermediates.
    package var fullchainPEM: String { primary.fullchainPEM }
    /// The primary's key followed by its full chain.
    package var bundlePEM: String { primary.bundlePEM }

    /// The name of `file` (one of the static names) for a credential of `keyType`; nil means the primary.
    package static func fileName(_ file: String, keyType: CertificateKeyType?) -> String {
        guard let keyType, file.hasSuffix(".pem") else { return file }
        return "\(file.dropLast(4)).\(keyType.rawValue).pem"
    }

    /// Every file of a version directory with its content and whether it holds a private key.
    func entries() throws -> [(name: String, bytes: [UInt8], isSecret: Bool)] {
        var entries: [(name: String, bytes: [UInt8], isSecret: Bool)] = []
        for (index, credential) in credentials.enumerated() {
            let keyType = index == 0 ? nil : credential.keyType
            entries += [
                (Self.fileName(Self.fullchainFile, keyType: keyType), Array(credential.fullchainPEM.utf8), false),
                (Self.fileName(Self.certificateFile, keyType: keyType), Array(credential.leafPEM.utf8), false),
                (Self.fileName(Self.chainFile, keyType: keyType), Array(credential.intermediatesPEM.utf8), false),
                (Self.fileName(Self.privateKeyFile, keyType: keyType), Array(credential.keyPEM.utf8), true),
                (Self.fileName(Self.bundleFile, keyType: keyType), Array(credential.bundlePEM.utf8), true),
            ]
        }
        entries.append((Self.metadataFile, try VolumeJSON.encode(metadata), false))
        return entries
    }
}
