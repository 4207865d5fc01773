import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

/// `live/<name>` removed or broken by hand ("to force a renewal") while the archive still holds the usable
/// version: it is made live again, with no order, by `run` within its watch interval and by `ensure`.
@Suite(.tags(.realPeers))
struct SelfHealingTests {
    @Test(
        "run restores a removed live link and a link to a deleted version from the archive, reloads, orders nothing; status says so",
        .requiresPebble, .requiresNginx, .timeLimit(.minutes(3)))
    func runRestoresFromTheArchive() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let layout = VolumeLayout(root: scenario.volume.path)
        let name = "heal.example"
        #expect(try await scenario.sidecert(scenario.ensureArguments([name])).status == 0)
        // A second version, so that deleting the live one leaves an older usable one behind.
        #expect(try await scenario.sidecert(scenario.ensureArguments([name], extra: ["--force"])).status == 0)
        let live = try #require(try InstalledCertificate.load(layout: layout, name: name))
        let orders = scenario.pebble.orderCount()
        let reloads = scenario.volume.path("reloads.log")
        let run = try SidecertProcess.start(
            scenario.runArguments([name]) + [
                "--watch-interval", "500ms", "--reload-command", "echo \"$SIDECERT_CERT_NAMES\" >> '\(reloads)'",
            ])
        defer { run.stop() }
        #expect(try await eventually(within: .seconds(30)) { Self.lines(reloads) == 1 }, "the first reload at start: \(run.stderrSoFar)")

        // Removed by hand: the same version comes back.
        try FileManager.default.removeItem(atPath: try layout.live(name))
        try await run.waitForOutput(containing: "restored the certificate from the archive")
        #expect(try InstalledCertificate.load(layout: layout, name: name)?.version == live.version)
        #expect(try await eventually(within: .seconds(30)) { Self.lines(reloads) == 2 }, "the frontend reloads the restored files")

        // The live version's directory deleted: the older archived version is made live.
        try FileManager.default.removeItem(atPath: try layout.archive(name, version: try #require(live.version)))
        try await run.waitForOutput(containing: "points to a version that is gone")
        #expect(
            try await eventually(within: .seconds(30)) {
                (try? InstalledCertificate.load(layout: layout, name: name))?.map { $0.version != live.version } ?? false
            }, "\(run.stderrSoFar)")
        #expect(try await eventually(within: .seconds(30)) { Self.lines(reloads) == 3 })
        #expect(scenario.pebble.orderCount() == orders, "nothing was ordered")
        #expect(!run.hasExited)
        try await run.terminate()

        let status = try await SidecertProcess.run(["status", "--storage", scenario.volume.path], timeout: .seconds(30))
        #expect(status.stdout.contains("restored:"), "\(status.stdout)")
        #expect(status.stdout.contains("no order"), "\(status.stdout)")
    }

    @Test("ensure restores a removed live link instead of ordering ('no certificate yet')", .requiresPebble, .requiresNginx, .timeLimit(.minutes(2)))
    func ensureRestoresFromTheArchive() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let layout = VolumeLayout(root: scenario.volume.path)
        let name = "heal-ensure.example"
        #expect(try await scenario.sidecert(scenario.ensureArguments([name])).status == 0)
        let first = try #require(try InstalledCertificate.load(layout: layout, name: name))
        let orders = scenario.pebble.orderCount()
        try FileManager.default.removeItem(atPath: try layout.live(name))

        let again = try await scenario.sidecert(scenario.ensureArguments([name]))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("restored the certificate from the archive"), "\(again.stderr)")
        #expect(scenario.pebble.orderCount() == orders)
        #expect(try InstalledCertificate.load(layout: layout, name: name)?.serialHex == first.serialHex)
    }

    private static func lines(_ path: String) -> Int {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }
}
