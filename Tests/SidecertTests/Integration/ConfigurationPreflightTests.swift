import Foundation
import SidecertTestSupport
import SidecertVolume
import Testing

/// What the CA's own answer proves is configuration (issue 12, item 2), and a `--storage` that does not exist
/// (item 3): exit 2 with the flag named, before anything is written, no backoff recorded, and the corrected
/// rerun succeeds at once. Against a real Pebble.
@Suite("Configuration errors the CA's answer proves: exit 2, nothing written, the corrected rerun succeeds")
struct ConfigurationPreflightTests {
    /// `ensure` with `arguments` exits 2 with `expected` in its message, writes nothing (the volume is as it
    /// was: no ledger, so no backoff), never says "issuing", and shows no TLS library dump or build path.
    private func expectRefusal(
        _ arguments: [String], on volume: TemporaryVolume, expected: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = try volume.snapshot()
        let result = try await SidecertProcess.run(["ensure", "--storage", volume.path] + arguments, timeout: .seconds(30))
        #expect(result.status == 2, "\(arguments) → \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(expected), "the message should say \(expected): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("issuing"), "refused before the lease: \(result.stderr)", sourceLocation: sourceLocation)
        for dump in ["NIOSSL", "BoringSSL", ".build/", "checkouts"] {
            #expect(!result.stderr.contains(dump), "no \(dump) in the message: \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(try volume.snapshot() == before, "\(arguments) wrote to the volume", sourceLocation: sourceLocation)
    }

    /// The corrected command succeeds at once: no backoff stands in its way.
    private func expectSuccess(_ arguments: [String], on volume: TemporaryVolume, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await SidecertProcess.run(["ensure", "--storage", volume.path] + arguments, timeout: .seconds(60))
        #expect(result.status == 0, "the corrected rerun: \(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test("a --ca-bundle that does not sign the ACME server's certificate, or none: exit 2 in words", .timeLimit(.minutes(2)))
    func untrustedServer() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let (pebble, volume) = (scenario.pebble, scenario.volume)
        let names = ["--domain", "trust.example"]
        let wrongBundle = ["--directory", pebble.directoryURL, "--ca-bundle", "/etc/ssl/certs/ca-certificates.crt", "--agree-tos"]
        try await expectRefusal(
            names + wrongBundle, on: volume,
            expected: "the ACME server's certificate is not trusted: --ca-bundle must hold the CA that signed it")
        try await expectRefusal(
            names + ["--directory", pebble.directoryURL, "--agree-tos"], on: volume,
            expected: "the ACME server's certificate is not trusted")
        try await expectSuccess(names + pebble.sidecertFlags(), on: volume)
        #expect(pebble.orderCount() == 1)
    }

    @Test("a --directory answering 404, or something that is not an ACME directory: exit 2", .timeLimit(.minutes(2)))
    func notADirectory() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let (pebble, volume) = (scenario.pebble, scenario.volume)
        let names = ["--domain", "dir.example", "--ca-bundle", pebble.caBundlePath, "--agree-tos"]
        let missing = pebble.directoryURL.replacingOccurrences(of: "/dir", with: "/directory-typo")
        try await expectRefusal(
            names + ["--directory", missing], on: volume, expected: "--directory \(missing) answered HTTP 404: it is not an ACME directory")
        // Pebble's management interface answers the root certificate (PEM), not a directory.
        try await expectRefusal(names + ["--directory", pebble.rootsURL], on: volume, expected: "is not an ACME directory")
        try await expectSuccess(names + ["--directory", pebble.directoryURL], on: volume)
    }

    @Test("a --ca-bundle that is readable but holds no certificate: exit 2 before issuing", .timeLimit(.minutes(2)))
    func bundleWithoutCertificates() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let (pebble, volume) = (scenario.pebble, scenario.volume)
        let notPEM = try TemporaryVolume()
        defer { notPEM.remove() }
        let bundle = notPEM.path("bundle.pem")
        try "not a certificate\n".write(toFile: bundle, atomically: true, encoding: .utf8)
        let names = ["--domain", "bundle.example", "--directory", pebble.directoryURL, "--agree-tos"]
        try await expectRefusal(names + ["--ca-bundle", bundle], on: volume, expected: "--ca-bundle")
        try await expectSuccess(names + ["--ca-bundle", pebble.caBundlePath], on: volume)
    }

    @Test("--storage that does not exist: refused for an ACME CA (exit 2, how to create it), created for the embedded CA")
    func missingStorage() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let parent = try TemporaryVolume()
        defer { parent.remove() }
        let missing = parent.path("a/b/c")
        let refused = try await SidecertProcess.run(
            ["ensure", "--storage", missing, "--domain", "storage.example"] + pebble.sidecertFlags(), timeout: .seconds(30))
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("--storage \(missing) does not exist"), "\(refused.stderr)")
        #expect(refused.stderr.contains("mkdir -p \(missing)"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: parent.path("a")), "nothing was created")
        #expect(pebble.orderCount() == 0 && pebble.accountCount() == 0)

        let status = try await SidecertProcess.run(["status", "--storage", missing], timeout: .seconds(30))
        #expect(status.status == 2 && status.stderr.contains("--storage \(missing) does not exist"), "\(status.stdout)\(status.stderr)")

        let embedded = try await SidecertProcess.run(["ensure", "--storage", missing, "--domain", "storage.localhost"], timeout: .seconds(30))
        #expect(embedded.status == 0, "the embedded CA's demo creates the volume: \(embedded.stderr)")

        let nginx = try await NginxFrontend.start(volume: missing, httpPort: pebble.httpPort)
        defer { nginx.stop() }
        let corrected = try await SidecertProcess.run(
            ["ensure", "--storage", missing, "--domain", "storage.example"] + pebble.sidecertFlags(), timeout: .seconds(60))
        #expect(corrected.status == 0, "once it exists: \(corrected.stderr)")
    }
}
