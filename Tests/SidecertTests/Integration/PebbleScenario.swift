import Foundation
import SidecertTestSupport
import Testing

/// A real Pebble, an nginx frontend serving the volume's `acme-challenge/` on Pebble's HTTP-01 port, and an
/// empty volume: the topology every ACME test starts from.
struct PebbleScenario {
    let pebble: PebbleEnvironment
    let frontend: NginxFrontend
    let volume: TemporaryVolume

    /// Starts Pebble and nginx; when another process took Pebble's HTTP-01 port before nginx bound it, starts
    /// both again on new ports (twice at most).
    static func start(certificateValidity: Int? = nil, rejectingNonces: Bool = true) async throws -> PebbleScenario {
        var attempt = 1
        while true {
            let pebble = try await PebbleEnvironment.start(certificateValidity: certificateValidity, rejectingNonces: rejectingNonces)
            let volume = try TemporaryVolume()
            do {
                let frontend = try await NginxFrontend.start(volume: volume.path, httpPort: pebble.httpPort)
                return PebbleScenario(pebble: pebble, frontend: frontend, volume: volume)
            } catch {
                pebble.stop()
                volume.remove()
                guard attempt < 3 else { throw error }
                attempt += 1
            }
        }
    }

    func stop() {
        frontend.stop()
        pebble.stop()
    }

    /// `ensure`'s arguments for these names against this Pebble.
    func ensureArguments(_ domains: [String], extra: [String] = []) -> [String] {
        [
            "ensure", "--storage", volume.path, "--directory", pebble.directoryURL, "--ca-bundle", pebble.caBundlePath, "--agree-tos", "--email",
            "ops@example.com",
        ]
            + domains.flatMap { ["--domain", $0] } + extra
    }

    /// `run` with the same arguments as ``ensureArguments(_:extra:)``.
    func runArguments(_ domains: [String], extra: [String] = []) -> [String] {
        ["run"] + ensureArguments(domains, extra: extra).dropFirst()
    }

    /// Runs `sidecert` to completion.
    func sidecert(_ arguments: [String], environment: [String: String] = [:]) async throws -> SidecertResult {
        try await SidecertProcess.run(arguments, environment: environment, timeout: .seconds(120))
    }
}

typealias SidecertResult = (status: Int32, stdout: String, stderr: String)

extension TemporaryVolume {
    /// A file's permission bits.
    func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int) ?? -1
    }
}

/// What `status --json` says of one certificate; decoded loosely so the tests read like the contract.
struct CertificateStatusJSON: Decodable {
    var certName: String
    var usable: Bool
    var serial: String?
    var names: [String]
    var problems: [String]
    var ledger: Ledger
    /// One per key type, the main one first.
    var credentials: [Credential]?

    struct Credential: Decodable {
        var keyType: String
        var serial: String
        /// ISO 8601, as `status --json` writes dates.
        var notAfter: String
    }

    struct Ledger: Decodable {
        var nextAttemptAllowed: String?
        var consecutiveFailures: Int
        var lastProblem: String?
        var issuedInLast7Days: Int
    }
}

struct StatusJSON: Decodable {
    var certificates: [CertificateStatusJSON]
}

extension PebbleScenario {
    func status() async throws -> StatusJSON {
        let result = try await sidecert(["status", "--storage", volume.path, "--json"])
        #expect(result.status == 0, "status failed: \(result.stderr)")
        return try JSONDecoder().decode(StatusJSON.self, from: Data(result.stdout.utf8))
    }
}
