import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

@Suite("Issuing from a real Pebble", .serialized)
struct IssuanceTests {
    @Test("issues a certificate with two names; a second ensure reuses it without asking the CA")
    func issueThenReuse() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let names = ["www.two-names.example", "api.two-names.example"]

        let first = try await scenario.sidecert(scenario.ensureArguments(names))
        #expect(first.status == 0, "ensure failed: \(first.stderr)")
        let live = scenario.volume.path + "/live/www.two-names.example"
        let installed = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: scenario.volume.path), name: "www.two-names.example"))
        #expect(Set(installed.names) == Set(names))
        #expect(try scenario.volume.mode(of: live + "/privkey.pem") == 0o600)
        #expect(try scenario.volume.mode(of: live + "/bundle.pem") == 0o600)
        let fullchain = try String(contentsOfFile: live + "/fullchain.pem", encoding: .utf8)
        #expect(fullchain.components(separatedBy: "BEGIN CERTIFICATE").count - 1 >= 2, "the chain the CA sent is kept")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: live).hasPrefix("../archive/"), "live/ links relatively")
        let ordersAfterFirst = scenario.pebble.orderCount()
        #expect(ordersAfterFirst == 1)

        let second = try await scenario.sidecert(scenario.ensureArguments(names))
        #expect(second.status == 0, "ensure failed: \(second.stderr)")
        #expect(scenario.pebble.orderCount() == ordersAfterFirst, "the second ensure placed no order")

        scenario.pebble.stopCA()
        let offline = try await scenario.sidecert(scenario.ensureArguments(names))
        #expect(offline.status == 0, "a usable certificate on the volume needs no CA: \(offline.stderr)")
        #expect(
            try InstalledCertificate.load(layout: VolumeLayout(root: scenario.volume.path), name: "www.two-names.example")?.serialHex
                == installed.serialHex)
    }

    @Test("answers HTTP-01 from its own --http-listen when no frontend does", arguments: ["ecdsa-p384", "rsa-2048"])
    func ownListenerAndKeyTypes(keyType: String) async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        let result = try await SidecertProcess.run(
            [
                "ensure", "--storage", volume.path, "--directory", pebble.directoryURL, "--ca-bundle", pebble.caBundlePath, "--agree-tos",
                "--domain", "listen.example", "--key-type", keyType, "--http-listen", "127.0.0.1:\(pebble.httpPort)",
            ],
            timeout: .seconds(120))
        #expect(result.status == 0, "ensure failed: \(result.stderr)")
        let installed = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "listen.example"))
        #expect(installed.keyType.rawValue == keyType)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: volume.path + "/acme-challenge")
        #expect(leftovers.isEmpty, "HTTP-01 answers are removed when the order ends")
    }
}
