import Foundation
import SidecertVolume
import SwiftASN1
import X509

/// Certificates and keys made in the test, for seeding and for corrupting the volume.
package struct TestCertificate {
    package let certificatePEM: String
    package let keyPEM: String

    /// A self-signed leaf for `names`, valid from `notBefore` to `notAfter`, with a key of `keyType`.
    package static func make(
        names: [String], keyType: CertificateKeyType = .ecdsaP256, notBefore: Date = Date().addingTimeInterval(-3600),
        notAfter: Date = Date().addingTimeInterval(30 * 86400)
    ) throws -> TestCertificate {
        let key = try CertificateKey.generate(keyType)
        let subject = try DistinguishedName { CommonName(names[0]) }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: key.privateKey.publicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: subject,
            subject: subject,
            signatureAlgorithm: keyType.rawValue.hasPrefix("rsa") ? .sha256WithRSAEncryption : .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names.map { .dnsName($0) })
            },
            issuerPrivateKey: key.privateKey
        )
        return TestCertificate(certificatePEM: try certificate.serializeAsPEM().pemString, keyPEM: try key.pemEncoded())
    }

    /// The certificate's serial number, lowercase hex (as `status` and the volume show it).
    package var serialHex: String {
        get throws { try Certificate(pemEncoded: certificatePEM).serialNumber.bytes.hexString }
    }

    package func write(to directory: String, prefix: String = "") throws -> (cert: String, key: String) {
        let cert = directory + "/\(prefix)cert.pem"
        let key = directory + "/\(prefix)key.pem"
        try certificatePEM.write(toFile: cert, atomically: true, encoding: .utf8)
        try keyPEM.write(toFile: key, atomically: true, encoding: .utf8)
        return (cert, key)
    }
}
