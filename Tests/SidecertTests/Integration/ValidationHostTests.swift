import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

/// The central validation host (Let's Encrypt's integration guide's other option for many frontends): the
/// frontends do not mount the volume and redirect `/.well-known/acme-challenge/` to one host that runs
/// `sidecert run --http-listen` on it. Pebble 2.4's validator follows redirects as Go's HTTP client does (up
/// to 10, http or https, any port, names resolved through its DNS server); Let's Encrypt follows them only to
/// ports 80 and 443, so in production the validation host listens on port 80 and the redirect names no port.
@Suite("A central validation host", .serialized, .requiresPebble, .requiresNginx, .tags(.realPeers))
struct ValidationHostTests {
    @Test("nginx without the volume redirects HTTP-01 to the host running run --http-listen; Pebble follows; issued", arguments: [301, 302])
    func redirectToValidationHost(status: Int) async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        // The frontend's own disk: no shared volume, nothing to serve HTTP-01 from.
        let frontendDisk = try TemporaryVolume(prefix: "sidecert-frontend")
        defer { frontendDisk.remove() }
        let validationPort = try FreePort.allocate(1)[0]
        // pebble-challtestsrv answers every A query with 127.0.0.1: the name leads the validator to this host.
        let frontend = try await NginxFrontend.start(
            volume: frontendDisk.path, httpPort: pebble.httpPort,
            challengeRedirect: .init(status: status, target: "http://validation.sidecert.test:\(validationPort)"))
        defer { frontend.stop() }
        let validationHost = try SidecertProcess.start(
            ["run", "--storage", volume.path, "--domain", "app.redirect.example", "--http-listen", "127.0.0.1:\(validationPort)"]
                + pebble.sidecertFlags())
        defer { validationHost.stop() }
        try await validationHost.waitForOutput(containing: "published", timeout: .seconds(120))

        let installed = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "app.redirect.example"))
        #expect(installed.names == ["app.redirect.example"])
        // Pebble's validator asked the frontend, which redirected it (the validation host then answered).
        let access = (try? String(contentsOfFile: frontend.accessLogPath, encoding: .utf8)) ?? ""
        let redirected = access.split(separator: "\n").filter {
            $0.contains("/.well-known/acme-challenge/") && $0.contains("\" \(status) ") && $0.contains("Pebble")
        }
        #expect(!redirected.isEmpty, "the frontend redirected the validator with \(status):\n\(access)")
        #expect(
            (try? FileManager.default.contentsOfDirectory(atPath: frontendDisk.path("acme-challenge")))?.isEmpty ?? true,
            "the frontend had nothing of its own to serve")
    }
}
