import Foundation
import Testing
import X509

@testable import SidecertVolume

struct InstalledCertificateTests {
    struct UsabilityCase: CustomTestStringConvertible, Sendable {
        let label: String
        var names = ["example.com", "www.example.com"]
        var requested: Set<String> = ["example.com", "www.example.com"]
        var notBefore = referenceDate.addingTimeInterval(-86_400)
        var notAfter = referenceDate.addingTimeInterval(89 * 86_400)
        var usages: [ExtendedKeyUsage.Usage] = [.serverAuth]
        var required: Set<ExtendedKeyUsageName> = [.serverAuth]
        var kind = VersionMetadata.IssuerKind.acme
        var usable = false
        var testDescription: String { label }
    }

    static let usabilityCases: [UsabilityCase] = [
        UsabilityCase(label: "valid", usable: true),
        UsabilityCase(label: "names differ only in case", requested: ["Example.COM", "WWW.example.com"], usable: true),
        UsabilityCase(
            label: "IPv6 in canonical form", names: ["2001:0db8:0:0::1", "192.0.2.1"], requested: ["2001:db8::1", "192.0.2.1"], usable: true),
        UsabilityCase(label: "expired", notBefore: referenceDate.addingTimeInterval(-90 * 86_400), notAfter: referenceDate.addingTimeInterval(-1)),
        UsabilityCase(label: "expires this instant", notAfter: referenceDate),
        UsabilityCase(label: "not yet valid", notBefore: referenceDate.addingTimeInterval(3_601)),
        // A replica whose clock runs slow, looking at a certificate a CA without backdating just issued.
        UsabilityCase(label: "valid in ten minutes", notBefore: referenceDate.addingTimeInterval(600), usable: true),
        UsabilityCase(label: "missing a name", names: ["example.com"]),
        UsabilityCase(label: "an extra name", names: ["example.com", "www.example.com", "api.example.com"]),
        UsabilityCase(label: "clientAuth required, absent", required: [.serverAuth, .clientAuth]),
        UsabilityCase(label: "clientAuth required, present", usages: [.serverAuth, .clientAuth], required: [.clientAuth], usable: true),
        UsabilityCase(label: "any usage satisfies", usages: [.any], required: [.clientAuth], usable: true),
        UsabilityCase(label: "placeholder", kind: .placeholder),
        UsabilityCase(label: "imported", kind: .imported, usable: true),
    ]

    @Test(arguments: usabilityCases)
    func usability(_ testCase: UsabilityCase) async throws {
        try await withTemporaryVolume { layout in
            let certificate = try TestCertificate(
                names: testCase.names,
                notBefore: testCase.notBefore,
                notAfter: testCase.notAfter,
                usages: testCase.usages
            )
            try CertificatePublisher(layout: layout, logger: quietLogger)
                .publish(name: "example.com", files: try certificate.files(kind: testCase.kind), fence: {})
            let installed = try #require(try InstalledCertificate.load(layout: layout, name: "example.com"))
            let usability = installed.usability(requestedNames: testCase.requested, requiredUsages: testCase.required, now: referenceDate)
            #expect(usability.isUsable == testCase.usable, "\(usability)")
            if case .unusable(let reasons) = usability { #expect(!reasons.isEmpty) }
        }
    }

    @Test func loadReportsTheCertificate() async throws {
        try await withTemporaryVolume { layout in
            let certificate = try TestCertificate(names: ["Example.com", "192.0.2.1"], keyType: .ecdsaP384, usages: [.serverAuth, .clientAuth])
            try CertificatePublisher(layout: layout, logger: quietLogger)
                .publish(name: "example.com", files: try certificate.files(), fence: {})
            let installed = try #require(try InstalledCertificate.load(layout: layout, name: "example.com"))
            #expect(installed.dnsNames == ["example.com"])
            #expect(installed.ipAddresses == ["192.0.2.1"])
            #expect(installed.keyType == .ecdsaP384)
            #expect(installed.extendedKeyUsages == ["serverAuth", "clientAuth"])
            #expect(installed.serialHex == certificate.certificate.serialNumber.bytes.hexString)
            #expect(installed.issuer.contains("Example.com"))
            #expect(installed.notAfter == certificate.certificate.notValidAfter)
            #expect(!installed.isPlaceholder)
        }
    }

    @Test func aKeyFromAnotherCertificateIsNotUsable() async throws {
        try await withTemporaryVolume { layout in
            try CertificatePublisher(layout: layout, logger: quietLogger)
                .publish(name: "example.com", files: try TestCertificate().files(), fence: {})
            let otherKey = try CertificateKey.generate(.ecdsaP256).pemEncoded()
            try otherKey.write(toFile: "\(try layout.live("example.com"))/privkey.pem", atomically: false, encoding: .utf8)
            let installed = try #require(try InstalledCertificate.load(layout: layout, name: "example.com"))
            #expect(!installed.keyMatchesCertificate)
            #expect(!installed.usability(requestedNames: ["example.com"], now: referenceDate).isUsable)
        }
    }

    @Test func nothingLiveIsNil() async throws {
        try await withTemporaryVolume { layout in
            let installed = try InstalledCertificate.load(layout: layout, name: "example.com")
            #expect(installed == nil)
        }
    }

    enum Corruption: String, CaseIterable, Sendable {
        case truncatedCertificate, truncatedKey, swappedFiles, emptyCertificate, emptyKey, missingKey
        case directoryInsteadOfKey, danglingLink, linkToAFile, unsupportedKey
    }

    @Test(arguments: Corruption.allCases)
    func corruptFilesAreNeverUsable(_ corruption: Corruption) async throws {
        try await withTemporaryVolume { layout in
            let files = try TestCertificate().files()
            try CertificatePublisher(layout: layout, logger: quietLogger).publish(name: "example.com", files: files, fence: {})
            let live = try layout.live("example.com")
            let chainPath = "\(live)/fullchain.pem"
            let keyPath = "\(live)/privkey.pem"
            let manager = FileManager.default
            switch corruption {
            case .truncatedCertificate:
                try String(files.fullchainPEM.prefix(files.fullchainPEM.count / 2)).write(toFile: chainPath, atomically: false, encoding: .utf8)
            case .truncatedKey:
                try String(files.keyPEM.prefix(files.keyPEM.count - 40)).write(toFile: keyPath, atomically: false, encoding: .utf8)
            case .swappedFiles:
                try files.keyPEM.write(toFile: chainPath, atomically: false, encoding: .utf8)
                try files.fullchainPEM.write(toFile: keyPath, atomically: false, encoding: .utf8)
            case .emptyCertificate:
                try "".write(toFile: chainPath, atomically: false, encoding: .utf8)
            case .emptyKey:
                try "".write(toFile: keyPath, atomically: false, encoding: .utf8)
            case .missingKey:
                try manager.removeItem(atPath: keyPath)
            case .directoryInsteadOfKey:
                try manager.removeItem(atPath: keyPath)
                try manager.createDirectory(atPath: keyPath, withIntermediateDirectories: false)
            case .danglingLink:
                try manager.removeItem(atPath: try layout.archive("example.com"))
            case .linkToAFile:
                try manager.removeItem(atPath: live)
                try manager.createSymbolicLink(atPath: live, withDestinationPath: "../archive/example.com/nothing-here")
                try FileManager.default.createDirectory(atPath: try layout.archive("example.com"), withIntermediateDirectories: true)
                try "x".write(toFile: "\(try layout.archive("example.com"))/nothing-here", atomically: false, encoding: .utf8)
            case .unsupportedKey:
                try "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+D4ICc6PzO4l+QvMvKMhFFFvxAvBhAT/fL4qR1NGPz\n-----END PRIVATE KEY-----\n"
                    .write(toFile: keyPath, atomically: false, encoding: .utf8)
            }
            #expect(throws: VolumeError.self) { try InstalledCertificate.load(layout: layout, name: "example.com") }
        }
    }

    @Test func renewalFollowsTheLifetime() {
        let start = referenceDate
        let day: TimeInterval = 86_400
        #expect(InstalledCertificate.renewalDate(notBefore: start, notAfter: start + 90 * day) == start + 60 * day)
        #expect(InstalledCertificate.renewalDate(notBefore: start, notAfter: start + 45 * day) == start + 30 * day)
        #expect(InstalledCertificate.renewalDate(notBefore: start, notAfter: start + 6 * day) == start + 3 * day)
        #expect(InstalledCertificate.renewalDate(notBefore: start, notAfter: start + 10 * day) == start + 5 * day)
    }

    @Test func isDueForRenewal() async throws {
        try await withTemporaryVolume { layout in
            let certificate = try TestCertificate(notBefore: referenceDate, notAfter: referenceDate + 90 * 86_400)
            try CertificatePublisher(layout: layout, logger: quietLogger)
                .publish(name: "example.com", files: try certificate.files(), fence: {})
            let installed = try #require(try InstalledCertificate.load(layout: layout, name: "example.com"))
            #expect(!installed.isDueForRenewal(now: referenceDate + 59 * 86_400))
            #expect(installed.isDueForRenewal(now: referenceDate + 60 * 86_400))
        }
    }
}
