import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

/// One `sidecert run` keeping a whole certificates file against a real Pebble and nginx: every certificate
/// issued, one frontend reload for the batch, the file followed as it changes, a broken edit refused;
/// several replicas sharing the file and the fleet's order budget.
@Suite(.tags(.realPeers))
struct ManyCertificatesTests {
    /// A certificates file of `count` entries `m<i>.example`: every third with a `www.` name too, every fifth
    /// an RSA + ECDSA pair, one asking for a profile Pebble does not offer (ordered without it).
    static func file(_ range: ClosedRange<Int>) -> String {
        var lines = ["defaults:", "  key-type: ecdsa-p256", "certificates:"]
        for index in range {
            let names = index % 3 == 0 ? "[m\(index).example, www.m\(index).example]" : "[m\(index).example]"
            lines.append("  - domains: \(names)")
            if index % 5 == 0 { lines.append("    key-type: ecdsa-p256,rsa-2048") }
            if index == 7 { lines.append("    profile: tlsserver") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether `live/m<i>.example` holds a certificate with every key type its entry asks for.
    static func isIssued(_ index: Int, layout: VolumeLayout) -> Bool {
        let others: [CertificateKeyType] = index % 5 == 0 ? [.rsa2048] : []
        guard let installed = try? InstalledCertificate.load(layout: layout, name: "m\(index).example", otherKeyTypes: others) else { return false }
        return installed.missingKeyTypes.isEmpty && !installed.isPlaceholder
    }

    @Test(
        "a file of 20 certificates: all issued, one reload for the batch; an entry added and one removed while running; a broken edit refused",
        .requiresPebble, .requiresNginx, .timeLimit(.minutes(4)))
    func aFileOfTwentyCertificates() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let layout = VolumeLayout(root: scenario.volume.path)
        let file = scenario.volume.path("certificates.yaml")
        try Self.file(1...20).write(toFile: file, atomically: true, encoding: .utf8)
        let reloads = scenario.volume.path("reloads.log")
        let admin = try FreePort.allocate(1)[0]
        let run = try SidecertProcess.start(
            scenario.runArguments([]) + [
                "--certificates", file, "--watch-interval", "500ms", "--admin-listen", "127.0.0.1:\(admin)",
                "--reload-command", "echo \"$SIDECERT_CERT_NAMES\" >> '\(reloads)'",
            ])
        defer { run.stop() }

        #expect(try await eventually(within: .seconds(120)) { (1...20).allSatisfy { Self.isIssued($0, layout: layout) } }, "\(run.stderrSoFar)")
        #expect(try await eventually(within: .seconds(30)) { ((try? String(contentsOfFile: reloads, encoding: .utf8)) ?? "").contains("\n") })
        let batches = try String(contentsOfFile: reloads, encoding: .utf8).split(separator: "\n")
        #expect(batches.count == 1, "one reload for the whole batch: \(batches)")
        #expect(Set(batches.first?.split(separator: ",").map(String.init) ?? []) == Set((1...20).map { "m\($0).example" }))
        #expect(scenario.pebble.orderCount() == 20 + 4, "one order per certificate and key type (4 pairs)")
        #expect(try await Curl.get("http://127.0.0.1:\(admin)/readyz").status == 200)

        // The file changes: m20 goes, m21 comes.
        try Self.file(1...19).appending("  - domains: [m21.example]\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try await eventually(within: .seconds(60)) { Self.isIssued(21, layout: layout) }, "\(run.stderrSoFar)")
        try await run.waitForOutput(containing: "removed=m20.example")
        #expect(Self.isIssued(20, layout: layout), "a removed entry's files stay on the volume")

        // /metrics: a series per certificate kept, the removed one's gone, the counts status shows.
        let metrics = try PrometheusText.parse(try await Curl.get("http://127.0.0.1:\(admin)/metrics").body)
        let kept = Set((1...19).map { "m\($0).example" } + ["m21.example"])
        let usable = metrics.samples.filter { $0.name == "sidecert_certificate_usable" }
        #expect(Set(usable.compactMap { $0.labels["cert"] }) == kept)
        #expect(usable.allSatisfy { $0.value == 1 }, "\(usable)")
        #expect(!metrics.samples.contains { $0.labels["cert"] == "m20.example" })
        let counts = ["", "_usable", "_due", "_failing", "_waiting_on_budget"].map { metrics["sidecert_certificates\($0)", [:]] }
        #expect(counts == [20, 20, 0, 0, 0])

        // A broken edit is refused; the certificates kept stay served and followed.
        try "certificates: [m1.example\n".write(toFile: file, atomically: true, encoding: .utf8)
        try await run.waitForOutput(containing: "the certificates file is refused")
        #expect(!run.hasExited)
        #expect(try await Curl.get("http://127.0.0.1:\(admin)/readyz").status == 200)
        try await run.terminate()
    }

    @Test(
        "three replicas share a file of 50 certificates: each ordered once, the fleet's budget of 40 an hour kept across them",
        .requiresPebble, .requiresNginx, .timeLimit(.minutes(5)))
    func threeReplicasShareTheBudget() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let layout = VolumeLayout(root: scenario.volume.path)
        let file = scenario.volume.path("certificates.yaml")
        let entries = (1...50).map { "  - domains: [b\($0).example]" }.joined(separator: "\n")
        try "certificates:\n\(entries)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let arguments =
            scenario.runArguments([]) + [
                "--certificates", file, "--watch-interval", "500ms", "--max-orders-per-hour", "40",
            ]
        var replicas: [RunningSidecert] = []
        defer { replicas.forEach { $0.stop() } }
        for _ in 0..<3 { replicas.append(try SidecertProcess.start(arguments)) }

        func issued() -> Int { (1...50).filter { (try? InstalledCertificate.load(layout: layout, name: "b\($0).example")) != nil }.count }
        #expect(try await eventually(within: .seconds(180)) { issued() >= 40 }, "\(replicas[0].stderrSoFar.suffix(3_000))")
        // The budget is spent: nothing more is ordered for a while, whichever replica looks.
        try await Task.sleep(for: .seconds(5))
        #expect(issued() == 40)
        #expect(scenario.pebble.orderCount() == 40, "each certificate ordered once, and no order past the budget")
        try await replicas[0].waitForOutput(containing: "the fleet's order budget is spent")

        let status = try await scenario.sidecert([
            "status", "--storage", scenario.volume.path, "--certificates", file, "--max-orders-per-hour", "40",
        ])
        #expect(status.stdout.hasPrefix("50 certificates: 40 usable, 10 waiting on the order budget until about "), "\(status.stdout.prefix(300))")
        for replica in replicas {
            try await replica.terminate()
        }
    }
}
