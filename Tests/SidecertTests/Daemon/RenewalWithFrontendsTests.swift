import Foundation
import SidecertTestSupport
import Testing
import X509

@testable import SidecertVolume

/// `run` renews a 60-second certificate on time and the frontend beside it serves the new serial, with
/// real nginx and haproxy reloaded each of the three ways.
@Suite(.tags(.realPeers))
struct RenewalWithFrontendsTests {
    @Test(
        "nginx: renewed before a third of the lifetime is left, served after a HUP, no failed request meanwhile", .requiresPebble,
        .requiresNginx, .timeLimit(.minutes(3)))
    func nginxServesTheRenewalWithoutAFailedRequest() async throws {
        let daemon = try await DaemonScenario.start(name: "nginx-renewal.example")
        defer { daemon.stop() }
        let first = try await daemon.ensureFirstCertificate()
        let ports = try FreePort.allocate(2)
        let nginx = try await NginxFrontend.start(volume: daemon.volume.path, httpPort: ports[0], httpsPort: ports[1], certName: daemon.name)
        defer { nginx.stop() }
        let client = try HTTPSClientLoop(port: ports[1])
        let run = try daemon.startRun(["--reload-signal", "HUP", "--reload-pidfile", nginx.pidFilePath])
        defer { run.stop() }

        let served = try await waitForANewSerial(than: first) { try await nginx.servedCertificatePEM() }
        let renewed = try #require(try InstalledCertificate.load(layout: daemon.layout, name: daemon.name))
        #expect(served == renewed.serialHex, "nginx serves the renewed certificate; its error log:\n\(nginx.errorLogTail())")
        let lifetime = first.notAfter.timeIntervalSince(first.notBefore)
        #expect(
            renewed.notBefore < first.notAfter.addingTimeInterval(-lifetime / 3),
            "renewed at \(renewed.notBefore), before a third of the lifetime was left (\(first.notAfter))")
        try await Task.sleep(for: .seconds(1))
        let answers = client.stop()
        #expect(answers.count > 20, "the client kept asking during the renewal: \(answers.count) requests")
        #expect(answers.allSatisfy { $0 == "200" }, "failed requests: \(answers.filter { $0 != "200" })")
        try await run.terminate()
    }

    @Test("haproxy: swapped through the runtime API, no reload, same process", .requiresPebble, .requiresHAProxy, .timeLimit(.minutes(3)))
    func haproxyRuntimeAPI() async throws {
        let daemon = try await DaemonScenario.start(name: "haproxy-api.example")
        defer { daemon.stop() }
        let first = try await daemon.ensureFirstCertificate()
        let haproxy = try await HAProxyFrontend.start(certificatePath: daemon.volume.path + "/live/\(daemon.name)/bundle.pem")
        defer { haproxy.stop() }
        let client = try HTTPSClientLoop(port: haproxy.httpsPort)
        let run = try daemon.startRun(["--reload-haproxy-socket", haproxy.socketPath])
        defer { run.stop() }

        let served = try await waitForANewSerial(than: first) { try await haproxy.servedCertificatePEM() }
        #expect(served == (try InstalledCertificate.load(layout: daemon.layout, name: daemon.name))?.serialHex, "\(haproxy.outputTail())")
        #expect(!haproxy.hasExited)
        let answers = client.stop()
        #expect(answers.allSatisfy { $0 == "200" }, "failed requests: \(answers.filter { $0 != "200" })")
        try await run.terminate()
    }

    @Test("haproxy: reloaded by USR2 to its master", .requiresPebble, .requiresHAProxy, .timeLimit(.minutes(3)))
    func haproxyMasterSignal() async throws {
        let daemon = try await DaemonScenario.start(name: "haproxy-master.example")
        defer { daemon.stop() }
        let first = try await daemon.ensureFirstCertificate()
        let haproxy = try await HAProxyFrontend.start(certificatePath: daemon.volume.path + "/live/\(daemon.name)/bundle.pem", masterWorker: true)
        defer { haproxy.stop() }
        let run = try daemon.startRun(["--reload-signal", "USR2", "--reload-pidfile", haproxy.pidFilePath])
        defer { run.stop() }

        let served = try await waitForANewSerial(than: first) { try await haproxy.servedCertificatePEM() }
        #expect(served == (try InstalledCertificate.load(layout: daemon.layout, name: daemon.name))?.serialHex, "\(haproxy.outputTail())")
        try await run.terminate()
    }

    /// Polls what the frontend serves until it is not `first`; returns its serial (hex), failing after 75 s
    /// (renewal is due about 30 s after issuance).
    private func waitForANewSerial(than first: InstalledCertificate, served: () async throws -> String) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(75))
        while clock.now < deadline {
            let serial = try LiveCertificateVersions.serial(ofPEM: try await served()).bytes.hexString
            if serial != first.serialHex { return serial }
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("the frontend still serves \(first.serialHex) after 75 s")
        return first.serialHex
    }
}
