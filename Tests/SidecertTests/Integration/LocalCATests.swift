import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

@Suite("The embedded local CA and corrupt volumes")
struct LocalCATests {
    @Test("internal names are issued by the embedded CA with no network; the chain verifies against its root")
    func internalNamesUseLocalCA() async throws {
        let volume = try TemporaryVolume()
        let result = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--domain", "localhost", "--domain", "app.internal", "--domain", "127.0.0.1"], timeout: .seconds(60))
        #expect(result.status == 0, "ensure failed: \(result.stderr)")
        #expect(try volume.mode(of: volume.path + "/local-ca/root-key.pem") == 0o600)
        let verify = try await ChildProcess.run(
            "openssl", ["verify", "-CAfile", volume.path + "/local-ca/root.pem", volume.path + "/live/localhost/cert.pem"])
        #expect(verify.status == 0, "openssl verify: \(verify.stdout) \(verify.stderr)")
        let installed = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "localhost"))
        #expect(Set(installed.names) == ["localhost", "app.internal", "127.0.0.1"])

        let again = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--domain", "localhost", "--domain", "app.internal", "--domain", "127.0.0.1"], timeout: .seconds(60))
        #expect(again.status == 0)
        #expect(
            try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "localhost")?.serialHex == installed.serialHex,
            "reused, not reissued")
    }

    @Test("the volume mounted at another path (copied whole, or through a symlink) serves without issuing")
    func volumeAtAnotherPath() async throws {
        let volume = try TemporaryVolume()
        let seed = try await SidecertProcess.run(["ensure", "--storage", volume.path, "--domain", "moved.localhost"], timeout: .seconds(60))
        #expect(seed.status == 0, "seeding failed: \(seed.stderr)")
        let serial = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "moved.localhost")?.serialHex)

        let elsewhere = try TemporaryVolume(prefix: "elsewhere")
        let copy = elsewhere.path("mnt-certs")
        let copied = try await ChildProcess.run("cp", ["-a", volume.path, copy])
        #expect(copied.status == 0)
        let link = elsewhere.path("etc-nginx-certs")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: copy)
        for root in [copy, link] {
            let offline = try await SidecertProcess.run(
                ["ensure", "--storage", root, "--domain", "moved.localhost", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"],
                timeout: .seconds(60))
            #expect(offline.status == 0, "\(root): \(offline.stderr)")
            #expect(try InstalledCertificate.load(layout: VolumeLayout(root: root), name: "moved.localhost")?.serialHex == serial)
        }
    }

    @Test("corrupt files in live/ are never reported usable", arguments: LiveCorruption.allCases)
    func corruptLiveIsNotUsable(corruption: LiveCorruption) async throws {
        let volume = try TemporaryVolume()
        let seed = try await SidecertProcess.run(["ensure", "--storage", volume.path, "--domain", "corrupt.localhost"], timeout: .seconds(60))
        #expect(seed.status == 0, "seeding failed: \(seed.stderr)")
        try corruption.apply(to: volume.path + "/live/corrupt.localhost", volume: volume.path)

        let status = try await SidecertProcess.run(["status", "--storage", volume.path, "--json"], timeout: .seconds(30))
        let report = try JSONDecoder().decode(StatusJSON.self, from: Data(status.stdout.utf8))
        let entry = try #require(report.certificates.first { $0.certName == "corrupt.localhost" })
        #expect(!entry.usable, "\(corruption) was reported usable")
        #expect(!entry.problems.isEmpty)

        let offline = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--domain", "corrupt.localhost", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"],
            timeout: .seconds(60))
        if corruption == .danglingLink {
            // The version live/ pointed to is still in the archive: restored, with no CA needed.
            #expect(offline.status == 0, "\(offline.stderr)")
            #expect(offline.stderr.contains("restored the certificate from the archive"), "\(offline.stderr)")
        } else {
            #expect(offline.status == 75, "with the CA down and nothing usable, ensure must not say 0: \(offline.stderr)")
        }
    }
}

enum LiveCorruption: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case truncatedChain, emptyKey, foreignKey, garbageChain, missingKey, danglingLink

    var testDescription: String { rawValue }

    func apply(to live: String, volume: String) throws {
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: live)
        let directory = (live as NSString).deletingLastPathComponent + "/" + target
        switch self {
        case .truncatedChain:
            let text = try String(contentsOfFile: directory + "/fullchain.pem", encoding: .utf8)
            try String(text.prefix(text.count / 2)).write(toFile: directory + "/fullchain.pem", atomically: false, encoding: .utf8)
        case .emptyKey:
            try "".write(toFile: directory + "/privkey.pem", atomically: false, encoding: .utf8)
        case .foreignKey:
            try TestCertificate.make(names: ["corrupt.localhost"]).keyPEM.write(
                toFile: directory + "/privkey.pem", atomically: false, encoding: .utf8)
        case .garbageChain:
            try "-----BEGIN CERTIFICATE-----\nZ2FyYmFnZQ==\n-----END CERTIFICATE-----\n".write(
                toFile: directory + "/fullchain.pem", atomically: false, encoding: .utf8)
        case .missingKey:
            try FileManager.default.removeItem(atPath: directory + "/privkey.pem")
        case .danglingLink:
            try FileManager.default.removeItem(atPath: live)
            try FileManager.default.createSymbolicLink(atPath: live, withDestinationPath: "../archive/corrupt.localhost/gone")
        }
    }
}
