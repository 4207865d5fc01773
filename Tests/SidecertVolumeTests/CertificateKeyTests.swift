import Foundation
import Testing
import X509

@testable import SidecertVolume

struct CertificateKeyTests {
    // RSA 3072 and 4096 generation take seconds in debug builds; their detection is the same code path.
    @Test(arguments: [CertificateKeyType.ecdsaP256, .ecdsaP384, .rsa2048])
    func generateAndRoundTripThroughPEM(type: CertificateKeyType) throws {
        let key = try CertificateKey.generate(type)
        #expect(key.type == type)
        let pem = try key.pemEncoded()
        #expect(pem.hasPrefix("-----BEGIN ") && pem.hasSuffix("-----\n"))
        let parsed = try CertificateKey(pemEncoded: pem)
        #expect(parsed.type == type)
        #expect(parsed.privateKey.publicKey == key.privateKey.publicKey)
    }

    @Test func keyTypesHaveTheirFlagNames() {
        #expect(CertificateKeyType.allCases.map(\.rawValue) == ["ecdsa-p256", "ecdsa-p384", "rsa-2048", "rsa-3072", "rsa-4096"])
        #expect(CertificateKeyType(rawValue: "ecdsa-p521") == nil)
    }

    @Test func garbageAndUnsupportedKeysAreRejected() {
        #expect(throws: VolumeError.self) { try CertificateKey(pemEncoded: "not a key") }
        let ed25519 = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+D4ICc6PzO4l+QvMvKMhFFFvxAvBhAT/fL4qR1NGPz\n-----END PRIVATE KEY-----\n"
        #expect {
            try CertificateKey(pemEncoded: ed25519, source: "key.pem")
        } throws: { error in
            (error as? VolumeError)?.code == .unsupportedKey && (error as? VolumeError)?.path == "key.pem"
        }
    }

    @Test func filesRefuseAKeyThatIsNotTheLeafs() throws {
        let certificate = try TestCertificate()
        let metadata = VersionMetadata(issuerKind: .acme, issuedAt: referenceDate)
        #expect(throws: VolumeError.self) {
            try CertificateFiles(certificateChainPEM: try certificate.pem, key: try CertificateKey.generate(.ecdsaP256), metadata: metadata)
        }
        #expect(throws: VolumeError.self) {
            try CertificateFiles(certificateChainPEM: "", key: certificate.key, metadata: metadata)
        }
        #expect(throws: VolumeError.self) {
            try CertificateFiles(certificateChainPEM: try certificate.key.pemEncoded(), key: certificate.key, metadata: metadata)
        }
    }

    @Test func filesNeverPrintTheKey() throws {
        let files = try TestCertificate().files()
        let keyBody = files.keyPEM.split(separator: "\n")[1]
        var dumped = ""
        dump(files, to: &dumped)
        for text in ["\(files)", String(reflecting: files), dumped] {
            #expect(!text.contains(keyBody))
        }
    }
}
