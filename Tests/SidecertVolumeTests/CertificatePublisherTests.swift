import Foundation
import Testing

@testable import SidecertVolume

struct CertificatePublisherTests {
    @Test func publishWritesEveryFileWithItsModeBehindARelativeLink() async throws {
        try await withTemporaryVolume { layout in
            let leaf = try TestCertificate(names: ["example.com"])
            let intermediate = try TestCertificate(names: ["intermediate.test"])
            let files = try leaf.files(intermediates: [intermediate])
            let published = try CertificatePublisher(layout: layout, logger: quietLogger)
                .publish(name: "example.com", files: files, fence: {})

            let live = try layout.live("example.com")
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: live)
            #expect(target == "../archive/example.com/\(published.version)")
            let (leafPEM, intermediatePEM) = (try leaf.pem, try intermediate.pem)
            let expected: [(String, String, Int)] = [
                (CertificateFiles.fullchainFile, leafPEM + intermediatePEM, 0o644),
                (CertificateFiles.certificateFile, leafPEM, 0o644),
                (CertificateFiles.chainFile, intermediatePEM, 0o644),
                (CertificateFiles.privateKeyFile, files.keyPEM, 0o600),
                (CertificateFiles.bundleFile, files.keyPEM + leafPEM + intermediatePEM, 0o600),
            ]
            for (file, content, mode) in expected {
                let path = "\(live)/\(file)"
                #expect(try String(contentsOfFile: path, encoding: .utf8) == content, "\(file)")
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                #expect((attributes[.posixPermissions] as? Int) == mode, "\(file)")
            }
            let installed = try #require(try InstalledCertificate.load(layout: layout, name: "example.com"))
            #expect(try installed.loadMetadata() == files.metadata)
            #expect(installed.intermediates.count == 1)
        }
    }

    @Test func aGroupMakesTheKeyFilesGroupReadable() async throws {
        try await withTemporaryVolume { layout in
            let files = try TestCertificate().files()
            try CertificatePublisher(layout: layout, privateKeyGroup: getgid(), logger: quietLogger)
                .publish(name: "example.com", files: files, fence: {})
            for file in [CertificateFiles.privateKeyFile, CertificateFiles.bundleFile] {
                let attributes = try FileManager.default.attributesOfItem(atPath: "\(try layout.live("example.com"))/\(file)")
                #expect((attributes[.posixPermissions] as? Int) == 0o640)
                #expect((attributes[.groupOwnerAccountID] as? Int) == Int(getgid()))
            }
        }
    }

    @Test func theVolumeCanBeMountedAtAnotherPath() async throws {
        try await withTemporaryVolume { layout in
            let volume = "\(layout.root)/mounted-here"
            try CertificatePublisher(layout: VolumeLayout(root: volume), logger: quietLogger)
                .publish(name: "example.com", files: try TestCertificate().files(), fence: {})
            let elsewhere = "\(layout.root)/mounted-elsewhere"
            try FileManager.default.moveItem(atPath: volume, toPath: elsewhere)
            let installed = try InstalledCertificate.load(layout: VolumeLayout(root: elsewhere), name: "example.com")
            #expect(installed?.keyMatchesCertificate == true)
        }
    }

    @Test func aFailingFenceLeavesLiveUnchanged() async throws {
        try await withTemporaryVolume { layout in
            let publisher = CertificatePublisher(layout: layout, logger: quietLogger)
            let first = try publisher.publish(name: "example.com", files: try TestCertificate().files(), fence: {})
            struct LostLease: Error {}
            #expect(throws: LostLease.self) {
                try publisher.publish(name: "example.com", files: try TestCertificate().files(), fence: { throw LostLease() })
            }
            #expect(try publisher.currentVersion(name: "example.com") == first.version)
            #expect(try FileManager.default.contentsOfDirectory(atPath: layout.archive("example.com")) == [first.version])
        }
    }

    @Test func pruningKeepsThreeOldVersionsAndTheLiveOne() async throws {
        try await withTemporaryVolume { layout in
            let publisher = CertificatePublisher(layout: layout, logger: quietLogger)
            var versions: [String] = []
            for _ in 0..<6 {
                versions.append(try publisher.publish(name: "example.com", files: try TestCertificate().files(), fence: {}).version)
            }
            let archive = try layout.archive("example.com")
            #expect(try FileManager.default.contentsOfDirectory(atPath: archive).sorted() == Array(versions.suffix(4)))

            // An operator rolled back by hand to the oldest version: pruning must not touch it.
            let oldest = versions[2]
            try FileManager.default.removeItem(atPath: try layout.live("example.com"))
            try FileManager.default.createSymbolicLink(
                atPath: try layout.live("example.com"),
                withDestinationPath: try layout.liveLinkTarget("example.com", version: oldest)
            )
            publisher.prune(name: "example.com", liveVersion: oldest)
            #expect(try FileManager.default.contentsOfDirectory(atPath: archive).sorted() == Array(versions.suffix(4)))
            let published = try publisher.publish(name: "example.com", files: try TestCertificate().files(), fence: {})
            #expect(try FileManager.default.contentsOfDirectory(atPath: archive).sorted() == Array(versions.suffix(3)) + [published.version])
        }
    }

    @Test func aCrashMidPublishLeavesTheLiveCertificateLoadable() async throws {
        try await withTemporaryVolume { layout in
            let publisher = CertificatePublisher(layout: layout, logger: quietLogger)
            let first = try publisher.publish(name: "example.com", files: try TestCertificate().files(), fence: {})

            // What a crash leaves behind: a half-written newer version with a temporary file, and a
            // temporary symlink that was never renamed over live/.
            let torn = try layout.archive("example.com", version: "29991231T000000.000000Z-deadbeef-acme")
            try FileManager.default.createDirectory(atPath: torn, withIntermediateDirectories: true)
            try Data("-----BEGIN CERTIFICATE-----\nMIIB".utf8).write(to: URL(fileURLWithPath: "\(torn)/fullchain.pem"))
            try Data("partial".utf8).write(to: URL(fileURLWithPath: "\(torn)/.privkey.pem.tmp-0123456789abcdef"))
            let strayLink = "\(layout.liveDirectory)/.example.com.tmp-0123456789abcdef"
            try FileManager.default.createSymbolicLink(
                atPath: strayLink, withDestinationPath: "../archive/example.com/29991231T000000.000000Z-deadbeef-acme")

            let installed = try #require(try InstalledCertificate.load(layout: layout, name: "example.com"))
            #expect(installed.version == first.version)
            #expect(installed.usability(requestedNames: ["example.com"], now: referenceDate) == .usable)

            try publisher.publish(name: "example.com", files: try TestCertificate().files(), fence: {})
            #expect(!FileManager.default.fileExists(atPath: strayLink))
            #expect(try InstalledCertificate.load(layout: layout, name: "example.com")?.keyMatchesCertificate == true)
        }
    }

    @Test func readersAlwaysSeeAConsistentSet() async throws {
        try await withTemporaryVolume { layout in
            let publisher = CertificatePublisher(layout: layout, logger: quietLogger)
            let candidates = try (0..<2).map { _ in try TestCertificate().files() }
            try publisher.publish(name: "example.com", files: candidates[0], fence: {})
            let loads = Counter()
            let reader = Task.detached {
                while !Task.isCancelled {
                    let installed = try #require(try InstalledCertificate.load(layout: layout, name: "example.com"))
                    #expect(installed.keyMatchesCertificate)
                    loads.increment()
                    await Task.yield()
                }
            }
            var round = 0
            while round < 30 || loads.value < 30 {
                round += 1
                try publisher.publish(name: "example.com", files: candidates[round % 2], fence: {})
                await Task.yield()
            }
            reader.cancel()
            try await reader.value
        }
    }

    @Test func currentVersionFollowsTheLink() async throws {
        try await withTemporaryVolume { layout in
            let publisher = CertificatePublisher(layout: layout, logger: quietLogger)
            #expect(try publisher.currentVersion(name: "example.com") == nil)
            let published = try publisher.publish(name: "example.com", files: try TestCertificate().files(kind: .localCA), fence: {})
            #expect(try publisher.currentVersion(name: "example.com") == published.version)
            #expect(published.version.hasSuffix("-local-ca"))
            #expect(PublishedVersion.issuerKind(ofVersion: published.version) == .localCA)
        }
    }
}
