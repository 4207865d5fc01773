import Foundation
import SidecertTestSupport
import SwiftASN1
import Testing
import X509

@testable import SidecertVolume

/// TLS-ALPN-01 (RFC 8737) end to end: Pebble's validator connects to its `tlsPort` with SNI and `acme-tls/1`,
/// and sidecert's listener answers from the volume, on its own or behind a real frontend that owns the port.
@Suite("Issuing with TLS-ALPN-01 from a real Pebble", .serialized, .requiresPebble, .tags(.realPeers))
struct TLSALPNIssuanceTests {
    /// `ensure --challenge tls-alpn-01` for `domains` on `volume` against `pebble`, plus `extra`.
    static func ensure(_ domains: [String], volume: TemporaryVolume, pebble: PebbleEnvironment, extra: [String] = []) async throws
        -> SidecertResult
    {
        try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--challenge", "tls-alpn-01"] + domains.flatMap { ["--domain", $0] } + pebble.sidecertFlags()
                + extra,
            timeout: .seconds(120))
    }

    /// Nothing of the validation is left on the volume.
    static func expectNoAnswersLeft(_ volume: TemporaryVolume) throws {
        let directory = VolumeLayout(root: volume.path).tlsALPNChallengeDirectory
        let left = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        #expect(left.isEmpty, "TLS-ALPN-01 answers are removed when the order ends: \(left)")
        let journal = (try? FileManager.default.contentsOfDirectory(atPath: volume.path("presented"))) ?? []
        #expect(journal.isEmpty, "the presentation journal is empty: \(journal)")
    }

    @Test("ensure answers on its own --tls-alpn-listen, only while issuing: a DNS name and an IP address (RFC 8738's reverse-DNS SNI)")
    func ownListener() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let result = try await Self.ensure(
            ["alpn.example", "127.0.0.1"], volume: volume, pebble: pebble,
            extra: ["--cert-name", "alpn", "--tls-alpn-listen", "127.0.0.1:\(pebble.tlsPort)", "--log-level", "debug"])
        #expect(result.status == 0, "ensure failed: \(result.stderr)\n--- pebble ---\n\(pebble.logTail())")
        let installed = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "alpn"))
        #expect(Set(installed.names) == ["alpn.example", "127.0.0.1"])
        // Pebble's validator came to the listener for both, the address by its reverse-DNS name (RFC 8738).
        #expect(result.stderr.contains("presenting the TLS-ALPN-01 validation certificate identifier=alpn.example serverName=alpn.example"))
        #expect(result.stderr.contains("presenting the TLS-ALPN-01 validation certificate identifier=127.0.0.1 serverName=1.0.0.127.in-addr.arpa"))
        #expect(!FreePort.isAccepting(pebble.tlsPort), "the listener closed when ensure returned")
        try Self.expectNoAnswersLeft(volume)
    }

    @Test("a replica that does not hold the lease answers: run --tls-alpn-listen serves what another process's ensure presents")
    func anotherReplicaAnswers() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        // This replica keeps a certificate of its own (from the embedded CA) and only lends its listener.
        let replica = try SidecertProcess.start([
            "run", "--storage", volume.path, "--domain", "replica.localhost", "--tls-alpn-listen", "127.0.0.1:\(pebble.tlsPort)",
        ])
        defer { replica.stop() }
        try await replica.waitForOutput(containing: "answering TLS-ALPN-01 from the volume")
        let result = try await Self.ensure(["fleet.alpn.example"], volume: volume, pebble: pebble)
        #expect(result.status == 0, "ensure failed: \(result.stderr)\n--- pebble ---\n\(pebble.logTail())\n--- replica ---\n\(replica.stderrSoFar)")
        #expect(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "fleet.alpn.example") != nil)
        try Self.expectNoAnswersLeft(volume)
    }

    @Test("a holder killed after presenting leaves its answer on the volume; the next holder removes exactly that, then issues")
    func crashAfterPresenting() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        // Another certificate's pending answer for the same name: not the crashed holder's to remove.
        let other = TLSALPNChallengeDirectory(layout: layout)
        try other.write(Array("another order's answer".utf8), serverName: "crash.alpn.example", token: "another-order-token")

        let crashed = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--challenge", "tls-alpn-01", "--domain", "crash.alpn.example", "--lease-duration", "60s"]
                + pebble.sidecertFlags(),
            environment: ["SIDECERT_TEST_FAULT": "challenge-presented:kill"], timeout: .seconds(120))
        #expect(crashed.status == 128 + SIGKILL, "killed at challenge-presented: \(crashed.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: try other.directory(serverName: "crash.alpn.example"))
        #expect(left.count == 2, "the crashed holder's answer is still there, beside the other order's: \(left)")

        let next = try await Self.ensure(
            ["crash.alpn.example"], volume: volume, pebble: pebble,
            extra: ["--tls-alpn-listen", "127.0.0.1:\(pebble.tlsPort)", "--lease-duration", "60s"])
        #expect(next.status == 0, "ensure failed: \(next.stderr)\n--- pebble ---\n\(pebble.logTail())")
        #expect(next.stderr.contains("removing challenge answers a previous holder left behind"), "\(next.stderr)")
        #expect(try InstalledCertificate.load(layout: layout, name: "crash.alpn.example") != nil)
        let remaining = try FileManager.default.contentsOfDirectory(atPath: try other.directory(serverName: "crash.alpn.example"))
        #expect(remaining == ["another-order-token"], "only the other order's answer is left: \(remaining)")
    }

    @Test(
        "through nginx owning the TLS port: stream + ssl_preread send acme-tls/1 to sidecert and everything else to the HTTPS server", .requiresNginx)
    func throughNginxStream() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let ports = try FreePort.allocate(3)
        let nginx = try await NginxFrontend.start(
            volume: volume.path, httpPort: ports[0], httpsPort: ports[1], certName: "nginx.alpn.example",
            alpnRouting: .init(publicPort: pebble.tlsPort, acmeTLSPort: ports[2]))
        defer { nginx.stop() }
        let result = try await Self.ensure(
            ["nginx.alpn.example"], volume: volume, pebble: pebble, extra: ["--tls-alpn-listen", "127.0.0.1:\(ports[2])"])
        #expect(result.status == 0, "ensure failed: \(result.stderr)\n--- pebble ---\n\(pebble.logTail())\n--- nginx ---\n\(nginx.errorLogTail())")
        let installed = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "nginx.alpn.example"))

        // Normal HTTPS clients through the same port reach nginx's HTTPS server and its new certificate.
        try nginx.reload()
        try await expectServed(serial: installed.serialHex, port: pebble.tlsPort, serverName: "nginx.alpn.example")
        try Self.expectNoAnswersLeft(volume)
    }

    @Test("through haproxy owning the TLS port in TCP mode: req.ssl_alpn sends acme-tls/1 to sidecert", .requiresHAProxy)
    func throughHAProxy() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let ports = try FreePort.allocate(2)
        let router = try await HAProxyALPNRouter.start(publicPort: pebble.tlsPort, acmeTLSPort: ports[0], httpsPort: ports[1])
        defer { router.stop() }
        let result = try await Self.ensure(
            ["haproxy.alpn.example"], volume: volume, pebble: pebble, extra: ["--tls-alpn-listen", "127.0.0.1:\(ports[0])"])
        #expect(result.status == 0, "ensure failed: \(result.stderr)\n--- pebble ---\n\(pebble.logTail())")
        let installed = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "haproxy.alpn.example"))

        // Other TLS clients go to the HTTPS server behind it: an nginx serving the new certificate there.
        let https = try await NginxFrontend.start(
            volume: volume.path, httpPort: try FreePort.allocate(1)[0], httpsPort: ports[1], certName: "haproxy.alpn.example")
        defer { https.stop() }
        try await expectServed(serial: installed.serialHex, port: pebble.tlsPort, serverName: "haproxy.alpn.example")
        try Self.expectNoAnswersLeft(volume)
    }

    /// A TLS client offering the usual protocols through `port` gets the certificate with `serial`.
    private func expectServed(serial: String, port: Int, serverName: String) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        var last = ""
        while clock.now < deadline {
            let probe = try await ACMETLSProbe.handshake(port: port, serverName: serverName, protocols: ["h2", "http/1.1"])
            if let pem = probe.certificatePEM, let served = try? Certificate(pemEncoded: pem) {
                last = served.serialNumber.description
                if served.serialNumber.bytes.hexString == serial { return }
            } else {
                last = probe.transcript
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("the HTTPS server behind the TLS port does not serve serial \(serial): \(last)")
    }
}
