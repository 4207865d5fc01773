import Foundation
import SidecertVolume
import SwiftASN1
import X509

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Self-signed certificates made in the test, with exactly the properties a case needs.
struct TestCertificate {
    let key: CertificateKey
    let certificate: Certificate

    init(
        names: [String] = ["example.com"],
        keyType: CertificateKeyType = .ecdsaP256,
        key: CertificateKey? = nil,
        notBefore: Date = referenceDate.addingTimeInterval(-86_400),
        notAfter: Date = referenceDate.addingTimeInterval(89 * 86_400),
        usages: [ExtendedKeyUsage.Usage] = [.serverAuth]
    ) throws {
        let key = try key ?? CertificateKey.generate(keyType)
        let subject = try DistinguishedName { CommonName(names.first ?? "test") }
        let alternativeNames = SubjectAlternativeNames(names.map(Self.generalName))
        let extensions = try Certificate.Extensions {
            alternativeNames
            try ExtendedKeyUsage(usages)
        }
        self.key = key
        self.certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.privateKey.publicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: subject,
            subject: subject,
            signatureAlgorithm: Self.signatureAlgorithm(for: key.type),
            extensions: extensions,
            issuerPrivateKey: key.privateKey
        )
    }

    var pem: String {
        get throws { try certificate.serializeAsPEM().pemString + "\n" }
    }

    func files(kind: VersionMetadata.IssuerKind = .acme, intermediates: [TestCertificate] = []) throws -> CertificateFiles {
        let chain = try pem + intermediates.map { try $0.pem }.joined()
        return try CertificateFiles(
            certificateChainPEM: chain,
            key: key,
            metadata: VersionMetadata(issuerKind: kind, issuedAt: referenceDate)
        )
    }

    private static func generalName(_ name: String) -> GeneralName {
        for (family, size) in [(AF_INET, 4), (AF_INET6, 16)] {
            var bytes = [UInt8](repeating: 0, count: size)
            if inet_pton(family, name, &bytes) == 1 {
                return .ipAddress(ASN1OctetString(contentBytes: bytes[...]))
            }
        }
        return .dnsName(name)
    }

    private static func signatureAlgorithm(for type: CertificateKeyType) -> Certificate.SignatureAlgorithm {
        switch type {
        case .ecdsaP256: .ecdsaWithSHA256
        case .ecdsaP384: .ecdsaWithSHA384
        case .rsa2048, .rsa3072, .rsa4096: .sha256WithRSAEncryption
        }
    }
}
