import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

/// Renewal timed by the CA (ARI, RFC 9773) against a real acme2certifier, which offers `renewalInfo`.
@Suite(.tags(.realPeers))
struct ARIRenewalTests {
    @Test("run follows the CA's renewal window: waits for a far one, renews at once when the CA moves it into the past", .timeLimit(.minutes(4)))
    func followsTheRenewalWindow() async throws {
        let ca = try await ACME2CertifierServer.start()
        defer { TemporaryDirectory.remove(ca.stateDirectory) }
        defer { ca.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let name = "ari.example"
        let flags = ["--storage", volume.path, "--directory", ca.directoryURL, "--agree-tos", "--email", "ops@example.com", "--domain", name]
        let ensure = try await SidecertProcess.run(["ensure"] + flags, timeout: .seconds(120))
        #expect(ensure.status == 0, "ensure against acme2certifier failed: \(ensure.stderr)\n\(ca.logTail())")
        let first = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: name))

        // A 90-day certificate whose window opens at 66 % of its life: the daemon plans by the window and waits.
        let waiting = try SidecertProcess.start(["run", "--watch-interval", "500ms"] + flags)
        defer { waiting.stop() }
        try await waiting.waitForOutput(containing: "the CA suggests a renewal window")
        try await waiting.waitForOutput(containing: "ARI window")
        try await Task.sleep(for: .seconds(1))
        #expect(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: name)?.serialHex == first.serialHex)
        try await waiting.terminate()

        // The CA pulls the window into the past (as before a mass revocation): renew now.
        ca.stop()
        let urgent = try await ACME2CertifierServer.start(stateDirectory: ca.stateDirectory, port: ca.port, renewNow: true)
        defer { urgent.stop() }
        let renewing = try SidecertProcess.start(["run", "--watch-interval", "500ms"] + flags)
        defer { renewing.stop() }
        try await renewing.waitForOutput(containing: "notice renewed", timeout: .seconds(60))
        let decision = renewing.stderrSoFar.split(separator: "\n").first { $0.contains("info renewing") }
        #expect(decision?.contains("why=\"ARI window") == true, "renewed because of the CA's window:\n\(renewing.stderrSoFar)")
        let renewed = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: name))
        #expect(renewed.serialHex != first.serialHex)
        try await renewing.terminate()
    }
}
