import Crypto
import SidecertACME
import SidecertVolume
import SwiftASN1
import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The self-signed certificate a TLS-ALPN-01 validation expects (RFC 8737 §3): exactly one subject alternative
/// name, the identifier, and the critical `id-pe-acmeIdentifier` extension holding the SHA-256 of the key
/// authorization. Made afresh for each handshake from the volume's answer, with a throwaway key: nothing of it
/// needs keeping, and no replica needs another's.
package enum TLSALPN01ValidationCertificate {
    /// `id-pe-acmeIdentifier` (RFC 8737 §6.1).
    package static let acmeIdentifierOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 31]

    /// A P-256 key and its self-signed certificate for `answer`'s identifier. P-256 because it is instant to
    /// make and every validator speaks it.
    package static func make(for answer: ChallengeAnswer, now: Date = Date()) throws -> (
        certificate: Certificate, privateKey: P256.Signing.PrivateKey
    ) {
        let key = P256.Signing.PrivateKey()
        let name: GeneralName
        switch answer.identifier.type {
        case "ip":
            guard let bytes = IPAddressText.bytes(of: answer.identifier.value) else { throw Unsupported(identifier: answer.identifier) }
            name = .ipAddress(ASN1OctetString(contentBytes: bytes[...]))
        case "dns":
            name = .dnsName(answer.identifier.value)
        default:
            throw Unsupported(identifier: answer.identifier)
        }
        // The common name is cosmetic (validators read the SAN); lego and certbot set it the same way.
        let subject = try DistinguishedName { CommonName(answer.identifier.value) }
        var digest = DER.Serializer()
        try digest.serialize(ASN1OctetString(contentBytes: answer.keyAuthorizationDigest[...]))
        let privateKey = Certificate.PrivateKey(key)
        let certificate = try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: privateKey.publicKey,
            // A little in the past: a validator whose clock runs behind must still accept it.
            notValidBefore: now.addingTimeInterval(-3_600),
            notValidAfter: now.addingTimeInterval(86_400),
            issuer: subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                SubjectAlternativeNames([name])
                Certificate.Extension(oid: acmeIdentifierOID, critical: true, value: digest.serializedBytes[...])
            },
            issuerPrivateKey: privateKey
        )
        return (certificate, key)
    }

    /// An identifier that is neither a DNS name nor an IP address.
    struct Unsupported: Error, CustomStringConvertible {
        let identifier: ACMEIdentifier
        var description: String { "TLS-ALPN-01 cannot validate the \(identifier.type) identifier \(identifier.value)" }
    }
}
