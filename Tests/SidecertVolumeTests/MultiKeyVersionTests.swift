import Foundation
import Logging
import Testing

@testable import SidecertVolume

/// One version, one certificate per key type: the first keeps the plain file names, each further one its
/// type before `.pem`; one swap switches them all; usable only with every requested key type.
struct MultiKeyVersionTests {
    let logger = Logger(label: "multi-key") { _ in SwiftLogNoOpLogHandler() }

    func pair(names: [String] = ["example.com"], notAfter: Date = referenceDate.addingTimeInterval(89 * 86_400)) throws -> CertificateFiles {
        let ecdsa = try TestCertificate(names: names, keyType: .ecdsaP256, notAfter: notAfter)
        let rsa = try TestCertificate(names: names, keyType: .rsa2048)
        return try CertificateFiles(
            credentials: [
                try CertificateCredential(certificateChainPEM: try ecdsa.pem, key: ecdsa.key),
                try CertificateCredential(certificateChainPEM: try rsa.pem, key: rsa.key),
            ],
            metadata: VersionMetadata(issuerKind: .acme, issuedAt: referenceDate))
    }

    @Test func aPairIsPublishedInOneVersionWithTheSecondTypeInItsOwnFileNames() async throws {
        try await withTemporaryVolume { layout in
            let files = try pair()
            try CertificatePublisher(layout: layout, logger: logger).publish(name: "example.com", files: files, fence: {})
            let live = try layout.live("example.com")
            for name in ["fullchain.pem", "privkey.pem", "bundle.pem", "cert.pem", "chain.pem"] {
                #expect(FileManager.default.fileExists(atPath: "\(live)/\(name)"), "\(name)")
                let other = name.replacingOccurrences(of: ".pem", with: ".rsa-2048.pem")
                #expect(FileManager.default.fileExists(atPath: "\(live)/\(other)"), "\(other)")
            }
            #expect(try String(contentsOfFile: "\(live)/privkey.rsa-2048.pem", encoding: .utf8) == files.credentials[1].keyPEM)
            let loaded = try #require(try InstalledCertificate.load(layout: layout, name: "example.com", otherKeyTypes: [.rsa2048]))
            #expect(loaded.credentials.map(\.keyType) == [.ecdsaP256, .rsa2048])
            #expect(loaded.missingKeyTypes.isEmpty)
            #expect(loaded.usability(requestedNames: ["example.com"], requestedKeyTypes: [.ecdsaP256, .rsa2048], now: referenceDate) == .usable)
            #expect(try loaded.loadMetadata()?.keyTypes == ["ecdsa-p256", "rsa-2048"])
        }
    }

    @Test func theFastPathReadsOnlyThePrimaryUnlessAskedForMore() async throws {
        try await withTemporaryVolume { layout in
            try CertificatePublisher(layout: layout, logger: logger).publish(name: "example.com", files: try pair(), fence: {})
            let primaryOnly = try #require(try InstalledCertificate.load(layout: layout, name: "example.com"))
            #expect(primaryOnly.credentials.map(\.keyType) == [.ecdsaP256])
        }
    }

    @Test func aVersionWithoutARequestedKeyTypeIsNotUsable() async throws {
        try await withTemporaryVolume { layout in
            try CertificatePublisher(layout: layout, logger: logger).publish(name: "example.com", files: try TestCertificate().files(), fence: {})
            let loaded = try #require(try InstalledCertificate.load(layout: layout, name: "example.com", otherKeyTypes: [.rsa2048]))
            #expect(loaded.missingKeyTypes == [.rsa2048])
            #expect(
                loaded.usability(requestedNames: ["example.com"], requestedKeyTypes: [.ecdsaP256, .rsa2048], now: referenceDate)
                    == .unusable(reasons: ["it has no rsa-2048 certificate"]))
            // Asked for in the other order, the main certificate is the wrong type too.
            let reordered = try #require(try InstalledCertificate.load(layout: layout, name: "example.com", otherKeyTypes: [.ecdsaP256]))
            guard
                case .unusable(let reasons) = reordered.usability(
                    requestedNames: ["example.com"], requestedKeyTypes: [.rsa2048, .ecdsaP256], now: referenceDate)
            else {
                Issue.record("the main certificate must be of the first requested type")
                return
            }
            #expect(reasons.contains { $0.contains("not rsa-2048") })
        }
    }

    @Test func oneRequestedKeyTypeOfAnotherKindStillServesUntilRenewal() async throws {
        try await withTemporaryVolume { layout in
            try CertificatePublisher(layout: layout, logger: logger).publish(name: "example.com", files: try TestCertificate().files(), fence: {})
            let loaded = try #require(try InstalledCertificate.load(layout: layout, name: "example.com"))
            #expect(loaded.usability(requestedNames: ["example.com"], requestedKeyTypes: [.rsa2048], now: referenceDate) == .usable)
        }
    }

    @Test func theVersionExpiresWithItsFirstCertificate() async throws {
        try await withTemporaryVolume { layout in
            let soon = referenceDate.addingTimeInterval(3_600)
            try CertificatePublisher(layout: layout, logger: logger).publish(name: "example.com", files: try pair(notAfter: soon), fence: {})
            let loaded = try #require(try InstalledCertificate.load(layout: layout, name: "example.com", otherKeyTypes: [.rsa2048]))
            #expect(loaded.notAfter == soon)
            #expect(
                loaded.usability(requestedNames: ["example.com"], requestedKeyTypes: [.ecdsaP256, .rsa2048], now: soon)
                    == .unusable(reasons: ["it expired at \(soon.formatted(.iso8601)) (ecdsa-p256)"]))
        }
    }

    @Test func aVersionHoldsOneCertificatePerKeyType() throws {
        let one = try TestCertificate()
        let credential = try CertificateCredential(certificateChainPEM: try one.pem, key: one.key)
        #expect(throws: VolumeError.self) {
            try CertificateFiles(credentials: [credential, credential], metadata: VersionMetadata(issuerKind: .acme, issuedAt: referenceDate))
        }
        #expect(throws: VolumeError.self) {
            try CertificateFiles(credentials: [], metadata: VersionMetadata(issuerKind: .acme, issuedAt: referenceDate))
        }
    }
}
