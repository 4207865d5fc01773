import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

/// The guards against the CA's rate limits never let a usable certificate expire quietly: `run` against a
/// real Pebble issuing 60-second certificates, with a ledger that already counts many certificates for
/// the same names (what a short-lived certificate's renewals add up to within a week).
@Suite(.tags(.realPeers))
struct GuardExpiryTests {
    /// Records `count` certificates for `names` in the ledger, as if issued just now.
    func spendDuplicates(_ count: Int, names: Set<String>, daemon: DaemonScenario) throws {
        var (ledger, _) = try IssuanceLedger.load(layout: daemon.layout, name: daemon.name)
        for index in 0..<count {
            ledger.record(IssuanceLedger.IssuedCertificate(time: Date(), names: names, serial: "seeded\(index)"))
        }
        try ledger.save(layout: daemon.layout, name: daemon.name)
    }

    @Test(
        "a CA that states no duplicate limit (Pebble): the tenth certificate for the same names in a minute renews on schedule", .requiresPebble,
        .requiresNginx, .timeLimit(.minutes(3)))
    func noLimitIsInventedForACAThatStatesNone() async throws {
        let daemon = try await DaemonScenario.start(name: "unlimited.example")
        defer { daemon.stop() }
        let first = try await daemon.ensureFirstCertificate()
        try spendDuplicates(9, names: ["unlimited.example"], daemon: daemon)
        let issuedBefore = daemon.pebble.issuedCertificateCount()

        let run = try daemon.startRun([])
        defer { run.stop() }
        let renewed = try await waitForRenewal(of: first, daemon: daemon, within: .seconds(75))
        #expect(renewed.notAfter > first.notAfter)
        #expect(renewed.notBefore < first.notAfter, "renewed before the old one expired")
        #expect(daemon.pebble.issuedCertificateCount() == issuedBefore + 1)
        #expect(!run.stderrSoFar.contains("duplicate limit"), "\(run.stderrSoFar)")
        try await run.terminate()
    }

    @Test(
        "Let's Encrypt's limits with the bucket empty: three replicas hold the renewal to one last attempt before expiry, say so, and keep serving",
        .requiresPebble, .requiresNginx, .timeLimit(.minutes(3)))
    func anEmptyBucketGetsOneLastAttemptBeforeExpiry() async throws {
        let daemon = try await DaemonScenario.start(name: "bucket.example")
        defer { daemon.stop() }
        let first = try await daemon.ensureFirstCertificate()
        // Four more make five in the last minute: Let's Encrypt's bucket gives the next one back in 33.6 hours.
        try spendDuplicates(4, names: ["bucket.example"], daemon: daemon)
        let issuedBefore = daemon.pebble.issuedCertificateCount()

        let notifications = daemon.volume.path("notifications")
        let admin = try FreePort.allocate(1)[0]
        let environment = ["SIDECERT_TEST_CA_LIMITS": "letsencrypt"]
        var replicas = [
            try daemon.startRun(
                ["--admin-listen", "127.0.0.1:\(admin)", "--notify-command", "echo \"$SIDECERT_EVENT|$SIDECERT_SERIAL\" >> '\(notifications)'"],
                environment: environment)
        ]
        replicas += try (0..<2).map { _ in try daemon.startRun([], environment: environment) }
        defer { replicas.forEach { $0.stop() } }

        try await replicas[0].waitForOutput(containing: "may expire before it is renewed")
        let metrics = try PrometheusText.parse(try await Curl.get("http://127.0.0.1:\(admin)/metrics").body)
        #expect(metrics["sidecert_certificate_expiry_at_risk", ["cert": daemon.name]] == 1)

        // The certificate on the volume never expires while the fleet waits for its last chance.
        let renewed = try await waitForRenewal(of: first, daemon: daemon, within: .seconds(75))
        let lifetime = first.notAfter.timeIntervalSince(first.notBefore)
        let lastChance = first.notAfter.addingTimeInterval(-min(lifetime / 6, 86_400))
        #expect(renewed.notBefore >= lastChance.addingTimeInterval(-2), "held back until the last chance (the CA's clock may lead by a second)")
        #expect(
            daemon.pebble.issuedCertificateCount() == issuedBefore + 1,
            "one last attempt for the fleet, not one per replica:\n\(daemon.pebble.logTail())\n\(replicas[0].stderrSoFar.suffix(4_000))")
        let notified = String(decoding: FileManager.default.contents(atPath: notifications) ?? Data(), as: UTF8.self)
        #expect(notified.contains("expiry-at-risk|\(first.serialHex)"), "notified: '\(notified)'\n\(replicas[0].stderrSoFar.suffix(4_000))")
        #expect(replicas.allSatisfy { !$0.hasExited })
        for replica in replicas {
            try await replica.terminate()
        }
    }

    /// Waits for a new version on the volume, checking at every look that what is live has not expired.
    private func waitForRenewal(of first: InstalledCertificate, daemon: DaemonScenario, within limit: Duration) async throws -> InstalledCertificate {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        var live = first
        while live.serialHex == first.serialHex, clock.now < deadline {
            #expect(live.notAfter > Date(), "the live certificate expired at \(live.notAfter)")
            try await Task.sleep(for: .milliseconds(200))
            live = (try? InstalledCertificate.load(layout: daemon.layout, name: daemon.name)) ?? live
        }
        #expect(live.serialHex != first.serialHex, "no renewal within \(limit)")
        return live
    }
}
