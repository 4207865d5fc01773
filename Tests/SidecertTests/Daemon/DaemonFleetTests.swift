import Foundation
import SidecertTestSupport
import Testing
import X509

@testable import SidecertVolume

/// Three `run` replicas on one volume, each beside its own nginx: the fleet renews once, and every
/// nginx serves the new certificate, whichever replica renewed it.
@Suite(.tags(.realPeers))
struct DaemonFleetTests {
    @Test("three replicas: one certificate per renewal, all three frontends serve it", .requiresPebble, .requiresNginx, .timeLimit(.minutes(3)))
    func threeReplicasRenewOnce() async throws {
        let daemon = try await DaemonScenario.start(name: "fleet-renewal.example")
        defer { daemon.stop() }
        let first = try await daemon.ensureFirstCertificate()
        let issuedBefore = daemon.pebble.issuedCertificateCount()

        var frontends: [NginxFrontend] = []
        var replicas: [RunningSidecert] = []
        defer {
            replicas.forEach { $0.stop() }
            frontends.forEach { $0.stop() }
        }
        for _ in 0..<3 {
            let ports = try FreePort.allocate(2)
            let nginx = try await NginxFrontend.start(volume: daemon.volume.path, httpPort: ports[0], httpsPort: ports[1], certName: daemon.name)
            frontends.append(nginx)
            replicas.append(try daemon.startRun(["--reload-signal", "HUP", "--reload-pidfile", nginx.pidFilePath]))
        }

        // Wait for the renewal on the volume, then for every frontend to serve it.
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(75))
        var renewed = first
        while renewed.serialHex == first.serialHex, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            renewed = (try? InstalledCertificate.load(layout: daemon.layout, name: daemon.name)) ?? first
        }
        #expect(renewed.serialHex != first.serialHex, "no renewal within 75 s")
        for nginx in frontends {
            let served = try await LiveCertificateVersions.waitForSerial(renewed.leaf.serialNumber) { try await nginx.servedCertificatePEM() }
            #expect(served == renewed.leaf.serialNumber, "an nginx still serves the old certificate:\n\(nginx.errorLogTail())")
        }
        #expect(daemon.pebble.issuedCertificateCount() == issuedBefore + 1, "the fleet renewed exactly once")
        let archive = try FileManager.default.contentsOfDirectory(atPath: daemon.volume.path + "/archive/\(daemon.name)")
        #expect(archive.count == 2, "two versions in all: \(archive)")
        for replica in replicas {
            try await replica.terminate()
        }
    }
}
