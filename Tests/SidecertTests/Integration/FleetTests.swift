import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

@Suite("A fleet of replicas on one volume", .serialized)
struct FleetTests {
    @Test("many replicas started at once: one account, one order, every replica exits 0 with the same key")
    func manyReplicasOneOrder() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let replicas = 12
        let arguments = scenario.ensureArguments(["fleet.example"])
        let results = try await withThrowingTaskGroup(of: SidecertResult.self) { group in
            for _ in 0..<replicas {
                group.addTask { try await scenario.sidecert(arguments) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for result in results {
            #expect(result.status == 0, "a replica failed: \(result.stderr)")
        }
        #expect(scenario.pebble.orderCount() == 1)
        #expect(scenario.pebble.accountCount() == 1)
        let serials = Set(results.map { $0.stdout.components(separatedBy: "serial ").last?.components(separatedBy: ",").first ?? "" })
        #expect(serials.count == 1, "every replica reports the same certificate: \(serials)")
        let archive = try FileManager.default.contentsOfDirectory(atPath: scenario.volume.path + "/archive/fleet.example")
        #expect(archive.count == 1, "exactly one version was published: \(archive)")
    }

    @Test("a lease holder killed mid-issuance is taken over at once (its process is gone); no key is ever without its certificate")
    func killedHolderIsTakenOver() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let arguments = scenario.ensureArguments(["killed.example"], extra: ["--lease-duration", "60s"])
        let layout = VolumeLayout(root: scenario.volume.path)

        let watcher = Task { try await Self.watchConsistency(layout: layout, name: "killed.example") }

        let holder = try SidecertProcess.start(arguments, environment: ["SIDECERT_TEST_PAUSE_BEFORE_PUBLISH": "60s"])
        try await Self.waitForLease(layout: layout, name: "killed.example")
        try await Task.sleep(for: .milliseconds(500))
        holder.kill(SIGKILL)
        _ = try await holder.wait(timeout: .seconds(10))
        #expect(try InstalledCertificate.load(layout: layout, name: "killed.example") == nil, "the killed holder published nothing")

        let successor = try await scenario.sidecert(arguments)
        #expect(successor.status == 0, "the successor failed: \(successor.stderr)")
        #expect(try InstalledCertificate.load(layout: layout, name: "killed.example") != nil)
        watcher.cancel()
        let inconsistencies = try await watcher.value
        #expect(inconsistencies.isEmpty, "live/ was inconsistent: \(inconsistencies)")
    }

    @Test("a waiter whose --wait runs out exits 75 and says what to do; it never issues itself")
    func waitRunsOut() async throws {
        let volume = try TemporaryVolume()
        let layout = VolumeLayout(root: volume.path)
        let arguments = ["ensure", "--storage", volume.path, "--domain", "slow.localhost"]
        let holder = try SidecertProcess.start(arguments, environment: ["SIDECERT_TEST_PAUSE_BEFORE_PUBLISH": "30s"])
        defer { holder.kill(SIGKILL) }
        try await Self.waitForLease(layout: layout, name: "slow.localhost")

        let waiter = try await SidecertProcess.run(arguments + ["--wait", "1s"], timeout: .seconds(30))
        #expect(waiter.status == 75, "stderr: \(waiter.stderr)")
        #expect(waiter.stderr.contains("--wait"), "the message says what to do: \(waiter.stderr)")
        #expect(try InstalledCertificate.load(layout: layout, name: "slow.localhost") == nil)
    }

    /// Reads live/ in a loop until cancelled; returns every moment a key was seen without its certificate.
    static func watchConsistency(layout: VolumeLayout, name: String) async throws -> [String] {
        var problems: [String] = []
        while !Task.isCancelled {
            do {
                if let installed = try InstalledCertificate.load(layout: layout, name: name),
                    case .unusable(let reasons) = installed.usability(requestedNames: Set(installed.names), requiredUsages: [], now: Date())
                {
                    problems.append(reasons.joined(separator: "; "))
                }
            } catch {
                problems.append("\(error)")
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return problems
    }

    static func waitForLease(layout: VolumeLayout, name: String) async throws {
        for _ in 0..<600 {
            if LeaseFile.inspect(layout: layout, name: name) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the holder never took the lease")
    }
}
