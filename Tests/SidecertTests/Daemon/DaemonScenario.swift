import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

/// `sidecert run` against a real Pebble issuing 60-second certificates: renewal comes due after about
/// 30 s (half the lifetime, minus at most 6 s of jitter), so a test sees a real renewal in under a minute.
struct DaemonScenario {
    static let certificateLifetime = 60

    let scenario: PebbleScenario
    let name: String

    static func start(name: String) async throws -> DaemonScenario {
        DaemonScenario(scenario: try await PebbleScenario.start(certificateValidity: certificateLifetime), name: name)
    }

    var volume: TemporaryVolume { scenario.volume }
    var pebble: PebbleEnvironment { scenario.pebble }
    var layout: VolumeLayout { VolumeLayout(root: volume.path) }

    /// Issues the first certificate with `ensure`, as an init container would; `extra` flags go to `ensure`
    /// (`--key-type ecdsa-p256,rsa-2048`), and the credentials of `otherKeyTypes` are loaded too.
    func ensureFirstCertificate(_ extra: [String] = [], otherKeyTypes: [CertificateKeyType] = []) async throws -> InstalledCertificate {
        let result = try await scenario.sidecert(scenario.ensureArguments([name], extra: extra))
        #expect(result.status == 0, "ensure failed: \(result.stderr)")
        return try #require(try InstalledCertificate.load(layout: layout, name: name, otherKeyTypes: otherKeyTypes))
    }

    /// Starts `sidecert run` for `name` against this Pebble, following the volume every 500 ms.
    func startRun(_ extra: [String], environment: [String: String] = [:]) throws -> RunningSidecert {
        try SidecertProcess.start(
            ["run"] + Array(scenario.ensureArguments([name]).dropFirst()) + ["--watch-interval", "500ms"] + extra, environment: environment)
    }

    func stop() {
        scenario.stop()
    }
}

extension RunningSidecert {
    /// SIGTERM, then the exit status; the test fails if it does not exit 0 within 25 s (of the 30 s
    /// Kubernetes gives a pod by default; a busy machine may take seconds to schedule the exit).
    func terminate() async throws {
        kill()
        let result = try await wait(timeout: .seconds(25))
        #expect(result.status == 0, "run did not exit 0 on SIGTERM:\n\(result.stderr)")
    }
}
