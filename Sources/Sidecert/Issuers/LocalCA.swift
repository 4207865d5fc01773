import Crypto
import SidecertVolume
import SwiftASN1
import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The embedded CA on the volume (`local-ca/`): a root that signs certificates for names no public CA
/// will certify (`localhost`, `*.internal`, private IPs). Operators trust `local-ca/root.pem` on their
/// clients.
struct LocalCA: Sendable {
    static let rootLifetime: TimeInterval = 10 * 365 * 86400
    /// Long enough for `ensure`-only deployments that never run the renewing daemon, short enough that a
    /// leaked key ages out.
    static let leafLifetime: TimeInterval = 30 * 86400

    let certificate: Certificate
    let privateKey: Certificate.PrivateKey

    /// Loads the root, creating it first if this volume has none. Replicas racing to create it agree on
    /// one: each builds a complete directory aside and only one `rename` onto `local-ca/` succeeds.
    static func loadOrCreate(layout: VolumeLayout) throws -> LocalCA {
        if let existing = try load(layout: layout) { return existing }
        let key = P256.Signing.PrivateKey()
        let privateKey = Certificate.PrivateKey(key)
        let now = Date()
        let subject = try DistinguishedName {
            OrganizationName("Sidecert")
            CommonName("Sidecert Local CA \(String(UInt32.random(in: 0...UInt32.max), radix: 16))")
        }
        let root = try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: privateKey.publicKey,
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(rootLifetime),
            issuer: subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: privateKey.publicKey)
            },
            issuerPrivateKey: privateKey
        )
        let staging = layout.localCADirectory + ".tmp-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        try AtomicFile.write(Array(try root.serializeAsPEM().pemString.utf8), to: staging + "/root.pem", mode: 0o644)
        try AtomicFile.write(Array(key.pemRepresentation.utf8), to: staging + "/root-key.pem", mode: 0o600)
        if rename(staging, layout.localCADirectory) != 0, errno != EEXIST, errno != ENOTEMPTY {
            throw SidecertError.failure("cannot create the local CA at \(layout.localCADirectory): \(String(cString: strerror(errno)))")
        }
        guard let installed = try load(layout: layout) else {
            throw SidecertError.failure("the local CA at \(layout.localCADirectory) vanished while it was being created")
        }
        return installed
    }

    private static func load(layout: VolumeLayout) throws -> LocalCA? {
        let directory = layout.localCADirectory
        guard FileManager.default.fileExists(atPath: directory + "/root.pem") else { return nil }
        do {
            let certificate = try Certificate(pemEncoded: try String(contentsOfFile: directory + "/root.pem", encoding: .utf8))
            let key = try P256.Signing.PrivateKey(pemRepresentation: try String(contentsOfFile: directory + "/root-key.pem", encoding: .utf8))
            return LocalCA(certificate: certificate, privateKey: Certificate.PrivateKey(key))
        } catch {
            throw SidecertError.failure(
                "the local CA in \(directory) is damaged: \(error)",
                hint: "move \(directory) aside to create a new root (clients must then trust the new root.pem)")
        }
    }

    /// Signs a leaf for `names` over `publicKey`, good for both server and client TLS unless told otherwise.
    func issueLeaf(
        names: CertificateNameSet, publicKey: Certificate.PublicKey, usages: [ExtendedKeyUsage.Usage] = [.serverAuth, .clientAuth],
        now: Date = Date()
    ) throws -> Certificate {
        try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(Self.leafLifetime),
            issuer: certificate.subject,
            subject: try names.subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage(usages)
                names.subjectAlternativeNames
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier)
            },
            issuerPrivateKey: privateKey
        )
    }
}
