import Crypto
import SidecertVolume
import SwiftASN1
import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--bootstrap-self-signed`: a self-signed stand-in that lets a frontend start (and serve HTTP-01 from
/// the volume) before the first real certificate exists.
///
/// It is marked three ways so nobody mistakes it for the real thing: the version directory ends in
/// `-placeholder` (which `ensure`, `status` and `/readyz` read as "not usable"), its metadata says so, and
/// its subject reads "Sidecert placeholder — not a real certificate".
enum PlaceholderCertificate {
    /// Short: it only has to bridge the time until the first real certificate, and an old one lying
    /// around should look stale.
    static let lifetime: TimeInterval = 86_400

    /// A fresh key (P-256: instant, and the key type of a throwaway does not matter) and its self-signed
    /// certificate for `names`.
    static func make(names: CertificateNameSet, now: Date = Date()) throws -> CertificateFiles {
        let key = try CertificateKey.generate(.ecdsaP256)
        let subject = try DistinguishedName {
            OrganizationName("Sidecert placeholder")
            CommonName("Sidecert placeholder - not a real certificate")
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: key.privateKey.publicKey,
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(lifetime),
            issuer: subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                names.subjectAlternativeNames
            },
            issuerPrivateKey: key.privateKey
        )
        return try CertificateFiles(
            certificateChainPEM: certificate.serializeAsPEM().pemString,
            key: key,
            metadata: VersionMetadata(issuerKind: .placeholder, issuedAt: now)
        )
    }
}
