import Crypto
import Foundation
import SwiftASN1
import Testing
import X509

@testable import SidecertACME

@Suite struct CertificateIDTests {
    static func certificate(serial: [UInt8], authorityKeyIdentifier: [UInt8]?) throws -> Certificate {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("sidecert test") }
        let extensions = try Certificate.Extensions {
            if let authorityKeyIdentifier {
                AuthorityKeyIdentifier(keyIdentifier: authorityKeyIdentifier[...])
            }
        }
        return try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(bytes: serial),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: Date(timeIntervalSince1970: 1_800_000_000),
            notValidAfter: Date(timeIntervalSince1970: 1_800_086_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: Certificate.PrivateKey(key)
        )
    }

    /// RFC 9773 §4.1's example: AKI 69:88:5B:…:D4 and serial 0x87654321 (DER 00 87 65 43 21).
    @Test func rfc9773Example() throws {
        let aki: [UInt8] = [
            0x69, 0x88, 0x5B, 0x6B, 0x87, 0x46, 0x40, 0x41, 0xE1, 0xB3, 0x7B, 0x84, 0x7B, 0xA0, 0xAE, 0x2C, 0xDE, 0x01,
            0xC8, 0xD4,
        ]
        let leaf = try Self.certificate(serial: [0x87, 0x65, 0x43, 0x21], authorityKeyIdentifier: aki)
        #expect(ACMEClient.certificateID(for: leaf) == "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE")

        var serializer = DER.Serializer()
        try serializer.serialize(leaf)
        let reparsed = try Certificate(derEncoded: serializer.serializedBytes)
        #expect(ACMEClient.certificateID(for: reparsed) == "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE")
    }

    @Test func serialWithoutHighBitHasNoLeadingZero() throws {
        let leaf = try Self.certificate(serial: [0x00, 0x12, 0x34], authorityKeyIdentifier: [1])
        #expect(ACMEClient.certificateID(for: leaf) == "AQ.EjQ")
    }

    @Test func withoutAuthorityKeyIdentifierThereIsNoID() throws {
        let leaf = try Self.certificate(serial: [1, 2, 3], authorityKeyIdentifier: nil)
        #expect(ACMEClient.certificateID(for: leaf) == nil)
    }
}
