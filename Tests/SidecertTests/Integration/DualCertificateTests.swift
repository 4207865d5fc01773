import Foundation
import SidecertTestSupport
import SwiftASN1
import Testing
import X509

@testable import SidecertVolume

/// An ECDSA and an RSA certificate for one name set, in one version: what `status` shows of the pair, how it
/// judges a version that lacks one, and `/readyz` while the RSA one is missing until `run` issues the pair.
@Suite("Dual certificates: status and readiness")
struct DualCertificateTests {
    @Test("status lists both certificates with their serials and expiry, in text and JSON; --key-type judges a version without RSA")
    func statusShowsThePair() async throws {
        let volume = try TemporaryVolume()
        let inputs = try TemporaryVolume()
        let ecdsa = try TestCertificate.make(names: ["both.example"], notAfter: Date().addingTimeInterval(20 * 86400))
        let rsa = try TestCertificate.make(names: ["both.example"], keyType: .rsa2048, notAfter: Date().addingTimeInterval(30 * 86400))
        let only = try TestCertificate.make(names: ["ecdsa-only.example"])
        try await importCertificates([ecdsa, rsa], into: volume, inputs: inputs, prefix: "both")
        try await importCertificates([only], into: volume, inputs: inputs, prefix: "only")

        let text = try await SidecertProcess.run(["status", "--storage", volume.path])
        #expect(text.status == 0, "\(text.stderr)")
        for (certificate, keyType) in [(ecdsa, "ecdsa-p256"), (rsa, "rsa-2048")] {
            let until = try Certificate(pemEncoded: certificate.certificatePEM).notValidAfter.formatted(.iso8601)
            let line = "  key:          \(keyType) (serial \(try certificate.serialHex), valid until \(until))"
            #expect(text.stdout.contains(line), "status shows \(line)\n\(text.stdout)")
        }
        #expect(text.stdout.contains("both.example: usable"), "\(text.stdout)")

        let json = try await SidecertProcess.run(["status", "--storage", volume.path, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try JSONDecoder().decode(StatusJSON.self, from: Data(json.stdout.utf8))
        let pair = try #require(report.certificates.first { $0.certName == "both.example" })
        #expect(pair.usable)
        #expect(pair.serial == (try ecdsa.serialHex), "the main certificate's serial")
        #expect(pair.credentials?.map(\.keyType) == ["ecdsa-p256", "rsa-2048"])
        #expect(pair.credentials?.map(\.serial) == [try ecdsa.serialHex, try rsa.serialHex])
        let rsaUntil = try Certificate(pemEncoded: rsa.certificatePEM).notValidAfter.formatted(.iso8601)
        #expect(pair.credentials?.last?.notAfter == rsaUntil)

        // Judged as `ensure --key-type ecdsa-p256,rsa-2048` would: the ECDSA-only version lacks RSA, and RSA first
        // means the pair's main certificate is the wrong type.
        let judged = try await SidecertProcess.run(["status", "--storage", volume.path, "--key-type", "ecdsa-p256,rsa-2048", "--check"])
        #expect(judged.status == 1, "--check fails: one certificate is not usable\n\(judged.stdout)")
        #expect(judged.stdout.contains("ecdsa-only.example: NOT usable"), "\(judged.stdout)")
        #expect(judged.stdout.contains("  problem:      it has no rsa-2048 certificate"), "\(judged.stdout)")
        #expect(judged.stdout.contains("both.example: usable"), "\(judged.stdout)")
        let reversed = try await SidecertProcess.run(
            ["status", "--storage", volume.path, "--cert-name", "both.example", "--key-type", "rsa-2048", "--key-type", "ecdsa-p256"])
        #expect(reversed.stdout.contains("problem:      its main certificate (fullchain.pem) is ecdsa-p256, not rsa-2048"), "\(reversed.stdout)")

        let unknown = try await SidecertProcess.run(["status", "--storage", volume.path, "--key-type", "ed25519"])
        #expect(unknown.status == 2, "an unknown key type is bad input: \(unknown.stderr)")
        #expect(unknown.stderr.contains("--key-type 'ed25519'"), "\(unknown.stderr)")
    }

    @Test("/readyz is 503 while the RSA certificate is missing, and 200 once run has issued the pair in one version", .timeLimit(.minutes(2)))
    func readinessWaitsForThePair() async throws {
        let volume = try TemporaryVolume()
        let inputs = try TemporaryVolume()
        defer { volume.remove() }
        let name = "pair.localhost"
        let layout = VolumeLayout(root: volume.path)
        // A version published with only ECDSA (an import, or a replica still on --key-type ecdsa-p256).
        let imported = try TestCertificate.make(names: [name])
        try await importCertificates([imported], into: volume, inputs: inputs, prefix: "ec")

        let admin = try FreePort.allocate(1)[0]
        let run = try SidecertProcess.start(
            [
                "run", "--storage", volume.path, "--domain", name, "--key-type", "ecdsa-p256,rsa-2048", "--admin-listen", "127.0.0.1:\(admin)",
                "--watch-interval", "500ms",
            ],
            // Long enough for a probe on a busy machine; the test waits it out once.
            environment: ["SIDECERT_TEST_PAUSE_BEFORE_PUBLISH": "15s"])
        defer { run.stop() }
        // The issuance holds before publishing: the imported ECDSA-only version is still live.
        try await run.waitForOutput(containing: "pausing before publishing")
        let notReady = try await Curl.get("http://127.0.0.1:\(admin)/readyz")
        #expect(notReady.status == 503)
        #expect(notReady.body.contains("it has no rsa-2048 certificate"), "\(notReady.body)")

        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(60))
        var ready = notReady
        while ready.status != 200, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            ready = try await Curl.get("http://127.0.0.1:\(admin)/readyz")
        }
        #expect(ready.status == 200, "\(ready.body)\n\(run.stderrSoFar)")
        let pair = try #require(try InstalledCertificate.load(layout: layout, name: name, otherKeyTypes: [.rsa2048]))
        #expect(pair.missingKeyTypes.isEmpty)
        #expect(pair.credentials.map(\.keyType) == [.ecdsaP256, .rsa2048])
        #expect(pair.serialHex != (try imported.serialHex), "both certificates were issued anew, in one version")
        #expect(ready.body.contains("serial \(pair.serialHex)"), "\(ready.body)")
        try await run.terminate()
    }

    @Test("ensure --key-type ecdsa-p256,rsa-2048 issues the pair over a version that has only ECDSA", .timeLimit(.minutes(2)))
    func ensureCompletesThePair() async throws {
        let volume = try TemporaryVolume()
        let inputs = try TemporaryVolume()
        defer { volume.remove() }
        let name = "complete.localhost"
        try await importCertificates([try TestCertificate.make(names: [name])], into: volume, inputs: inputs, prefix: "ec")

        let ensure = try await SidecertProcess.run(["ensure", "--storage", volume.path, "--domain", name, "--key-type", "ecdsa-p256,rsa-2048"])
        #expect(ensure.status == 0, "\(ensure.stderr)")
        #expect(ensure.stderr.contains("it has no rsa-2048 certificate"), "the log says why it issued: \(ensure.stderr)")
        let status = try await SidecertProcess.run(
            ["status", "--storage", volume.path, "--cert-name", name, "--key-type", "ecdsa-p256,rsa-2048", "--check"])
        #expect(status.status == 0, "\(status.stdout)")
        #expect(status.stdout.contains("key:          rsa-2048 (serial "), "\(status.stdout)")
    }

    /// `sidecert import` of `certificates` as one version (one `--cert`/`--key` pair each, in order).
    private func importCertificates(_ certificates: [TestCertificate], into volume: TemporaryVolume, inputs: TemporaryVolume, prefix: String)
        async throws
    {
        var arguments = ["import", "--storage", volume.path]
        for (index, certificate) in certificates.enumerated() {
            let files = try certificate.write(to: inputs.path, prefix: "\(prefix)-\(index)-")
            arguments += ["--cert", files.cert, "--key", files.key]
        }
        let result = try await SidecertProcess.run(arguments)
        #expect(result.status == 0, "import failed: \(result.stderr)")
    }
}
