import SidecertVolume
import SwiftASN1
import X509

extension CertificateNameSet {
    /// The names as a certificate's subject alternative names.
    var subjectAlternativeNames: SubjectAlternativeNames {
        SubjectAlternativeNames(
            names.map { name -> GeneralName in
                switch name.kind {
                case .dns:
                    return .dnsName(name.value)
                case .ipAddress:
                    let bytes = IPAddressText.bytes(of: name.value) ?? []
                    return .ipAddress(ASN1OctetString(contentBytes: bytes[...]))
                }
            })
    }

    /// A subject for CSRs and local leaves; modern clients read only the SAN, so the CN is cosmetic and
    /// must fit 64 characters.
    var subject: DistinguishedName {
        get throws {
            let first = names.first { $0.value.utf8.count <= 64 }?.value ?? "sidecert"
            return try DistinguishedName { CommonName(first) }
        }
    }

    /// A PKCS#10 request for these names, signed by `key`, DER-encoded: what ACME's finalize takes.
    func certificateSigningRequestDER(key: Certificate.PrivateKey) throws -> [UInt8] {
        let extensions = try Certificate.Extensions { subjectAlternativeNames }
        let request = try CertificateSigningRequest(
            version: .v1,
            subject: subject,
            privateKey: key,
            attributes: CertificateSigningRequest.Attributes([
                try .init(ExtensionRequest(extensions: extensions))
            ])
        )
        var serializer = DER.Serializer()
        try serializer.serialize(request)
        return serializer.serializedBytes
    }
}
