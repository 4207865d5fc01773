import Foundation
import SidecertTestSupport
import SidecertVolume
import Testing
import X509

/// compose.yaml's topology as processes on this machine: Pebble with challtestsrv as its DNS, one nginx
/// serving HTTP-01 answers and HTTPS from the shared folder, and the `sidecert` service's replicas with
/// the environment compose.yaml gives them, read from the file itself so the demo cannot drift from
/// what is tested.
@Suite(.tags(.realPeers))
struct ComposeTopologyTests {
    /// Variables whose compose.yaml value means the same here as in the containers (names, policy,
    /// signal): passed to the sidecars unchanged. A variable in neither this list nor `mapped` fails the
    /// test, so that a new setting in compose.yaml gets a deliberate decision here.
    private static let passedThrough: Set<String> = [
        "SIDECERT_CERT_NAME", "SIDECERT_DOMAINS", "SIDECERT_EMAIL", "SIDECERT_AGREE_TOS", "SIDECERT_BOOTSTRAP_SELF_SIGNED",
        "SIDECERT_RELOAD_SIGNAL",
    ]

    /// The variables whose compose.yaml value names something inside compose's containers or network,
    /// and what stands for it on this machine. compose.yaml must set each of them.
    private static func mapped(volume: TemporaryVolume, pebble: PebbleEnvironment, nginx: NginxFrontend) -> [String: String] {
        [
            "SIDECERT_STORAGE": volume.path,  // /certs: the `certs` volume
            "SIDECERT_DIRECTORY": pebble.directoryURL,  // https://pebble:14000/dir: the `pebble` service
            "SIDECERT_CA_BUNDLE": pebble.caBundlePath,  // the pebble image's minica, on the `pebble-certs` volume
            "SIDECERT_RELOAD_PIDFILE": nginx.pidFilePath,  // web's pid file, on the `nginx-run` volume
        ]
    }

    @Test(
        "compose.yaml's sidecars, as processes: one certificate from Pebble, served by nginx after their reload",
        .requiresPebble, .requiresNginx, .timeLimit(.minutes(2))
    )
    func composeTopologyServesOneIssuedCertificate() async throws {
        let service = try await ComposeService(named: "sidecert")
        let composeEnvironment = service.environment
        let certName = try #require(composeEnvironment["SIDECERT_CERT_NAME"], "nginx's paths need compose.yaml's cert name")
        let serverName = try #require(composeEnvironment["SIDECERT_DOMAINS"]?.split(separator: ",").first.map(String.init))

        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        // Like compose's `web`, nginx starts first, with HTTP only: the sidecars need its pid file.
        let httpsPort = try FreePort.allocate(1)[0]
        let nginx = try await NginxFrontend.start(volume: volume.path, httpPort: pebble.httpPort, httpsPort: httpsPort, certName: certName)
        defer { nginx.stop() }

        let mapped = Self.mapped(volume: volume, pebble: pebble, nginx: nginx)
        let undecided = composeEnvironment.keys.filter { !Self.passedThrough.contains($0) && mapped[$0] == nil }.sorted()
        try #require(undecided.isEmpty, "compose.yaml sets \(undecided): pass each through or map it in this test")
        let missing = mapped.keys.filter { composeEnvironment[$0] == nil }.sorted()
        try #require(missing.isEmpty, "compose.yaml no longer sets \(missing), which this test maps")
        let environment = composeEnvironment.merging(mapped) { _, here in here }

        var sidecars: [RunningSidecert] = []
        defer { sidecars.forEach { $0.stop() } }
        for _ in 0..<service.replicas {
            sidecars.append(try SidecertProcess.start(["run"], environment: environment))
        }
        func sidecarLogs() -> String { sidecars.map(\.stderrSoFar).joined(separator: "\n--- next sidecar ---\n") }

        // deploy/compose/start.sh's second step: once live/<name>/ holds a certificate (the placeholder
        // first), turn HTTPS on and reload nginx. Every later version reaches nginx by the sidecars' HUP.
        let live = volume.path("live/\(certName)")
        let hasCertificate = try await Self.poll(for: .seconds(30)) {
            FileManager.default.fileExists(atPath: live + "/fullchain.pem") && FileManager.default.fileExists(atPath: live + "/privkey.pem")
        }
        try #require(hasCertificate, "nothing in \(live) within 30 s:\n\(sidecarLogs())")
        try nginx.reload()
        try #require(await FreePort.waitUntilAccepting(httpsPort), "nginx does not serve HTTPS:\n\(nginx.errorLogTail())")

        let layout = VolumeLayout(root: volume.path)
        let isIssued = try await Self.poll(for: .seconds(60)) {
            (try InstalledCertificate.load(layout: layout, name: certName))?.isPlaceholder == false
        }
        try #require(isIssued, "no certificate from Pebble within 60 s:\n\(sidecarLogs())\n\(pebble.logTail())")
        let issued = try #require(try InstalledCertificate.load(layout: layout, name: certName))
        let served = try await LiveCertificateVersions.waitForSerial(issued.leaf.serialNumber, timeout: .seconds(20)) {
            try await nginx.servedCertificatePEM(serverName: serverName)
        }
        #expect(served == issued.leaf.serialNumber, "nginx does not serve the issued certificate:\n\(nginx.errorLogTail())")
        // Each replica reloads nginx (a SIGHUP to the process in the mapped pid file) for the first version it
        // sees and every later one. A replica that waited on the lease may see the issued version only at
        // its next look at the volume (compose leaves the watch interval at its 5 s default, and so does this test).
        // nginx's own log cannot tell: SIGHUPs pending at once reach it as one.
        let issuedVersion = try #require(issued.version)
        let everySidecarReloaded = try await Self.poll(for: .seconds(15)) {
            sidecars.allSatisfy { sidecar in
                sidecar.stderrSoFar.split(separator: "\n").contains { $0.contains("frontend reloaded") && $0.contains(issuedVersion) }
            }
        }
        #expect(everySidecarReloaded, "not every sidecar reloaded nginx for \(issuedVersion):\n\(sidecarLogs())")
        #expect(pebble.orderCount() == 1, "one order for the fleet")
        #expect(pebble.issuedCertificateCount() == 1, "one certificate for the fleet")

        for sidecar in sidecars {
            try await sidecar.terminate()
        }
    }

    /// Checks `condition` every 100 ms until it holds (true) or `timeout` has passed (false).
    private static func poll(for timeout: Duration, until condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try condition()
    }
}
