import Foundation
import SidecertTestSupport
import Testing

/// Replicas whose wall clocks disagree by ten minutes either way, on one volume, against a real Pebble:
/// one issuer, no lease taken from a live holder, renewal times that follow the certificate. The skew is
/// `SIDECERT_TEST_CLOCK_OFFSET` (libfaketime stalls a Swift process's ACME exchange).
@Suite("Replicas with skewed clocks on one volume", .serialized)
struct ClockSkewTests {
    static let offsets = [-600, 0, 600]

    static func skewed(_ offset: Int) -> [String: String] {
        ["SIDECERT_TEST_CLOCK_OFFSET": String(offset)]
    }

    @Test("replicas at -10 min, 0 and +10 min started together: one order, all exit 0", .requiresPebble, .requiresNginx)
    func startedTogether() async throws {
        let scenario = try await PebbleScenario.start(certificateValidity: 86_400)
        defer { scenario.stop() }
        let arguments = scenario.ensureArguments(["skew.example"])
        let results = try await withThrowingTaskGroup(of: (Int, SidecertResult).self) { group in
            for offset in Self.offsets {
                group.addTask { (offset, try await scenario.sidecert(arguments, environment: Self.skewed(offset))) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for (offset, result) in results {
            #expect(result.status == 0, "the replica at \(offset) s failed: \(result.stderr)")
        }
        #expect(scenario.pebble.orderCount() == 1, "\(scenario.pebble.logTail())")
        try await expectSaneRenewal(scenario, names: ["skew.example"])
    }

    @Test(
        "a holder whose clock runs 10 min slow or fast keeps its fresh lease from the other replicas",
        .requiresPebble, .requiresNginx, arguments: [-600, 600])
    func skewedHolderKeepsItsLease(holderOffset: Int) async throws {
        let scenario = try await PebbleScenario.start(certificateValidity: 86_400)
        defer { scenario.stop() }
        let name = "held\(holderOffset < 0 ? "slow" : "fast").example"
        let arguments = scenario.ensureArguments([name])
        // It holds the lease for two seconds more than an issuance takes: the others see its fresh record.
        let holder = try SidecertProcess.start(
            arguments, environment: Self.skewed(holderOffset).merging(["SIDECERT_TEST_FAULT": "challenge-presented:pause=2s"]) { $1 })
        try await holder.waitForOutput(containing: "pausing at challenge-presented")
        let others = try await withThrowingTaskGroup(of: (Int, SidecertResult).self) { group in
            for offset in Self.offsets where offset != holderOffset {
                group.addTask { (offset, try await scenario.sidecert(arguments, environment: Self.skewed(offset))) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let held = try await holder.wait(timeout: .seconds(60))
        #expect(held.status == 0, "the holder failed: \(held.stderr)")
        for (offset, result) in others {
            #expect(result.status == 0, "the replica at \(offset) s failed: \(result.stderr)")
            #expect(!result.stderr.contains("took over the lease"), "the replica at \(offset) s took a live holder's lease: \(result.stderr)")
        }
        #expect(scenario.pebble.orderCount() == 1, "\(scenario.pebble.logTail())")
        try await expectSaneRenewal(scenario, names: [name])
    }

    @Test("a clock offset that is not a number of seconds is bad input: exit 2, nothing written")
    func badOffset() async throws {
        let volume = try TemporaryVolume()
        let result = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--domain", "skew.localhost"], environment: ["SIDECERT_TEST_CLOCK_OFFSET": "ten minutes"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("SIDECERT_TEST_CLOCK_OFFSET"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: volume.path).isEmpty)
    }

    /// Every replica, whatever its clock, finds the certificate usable and not due: `ensure` again takes
    /// the fast path, and `status` puts the renewal well after its own now and where the lifetime says.
    func expectSaneRenewal(_ scenario: PebbleScenario, names: [String]) async throws {
        for offset in Self.offsets {
            let again = try await scenario.sidecert(scenario.ensureArguments(names), environment: Self.skewed(offset))
            #expect(again.status == 0 && !again.stderr.contains("issuing"), "the replica at \(offset) s: \(again.stderr)")
            let status = try await scenario.sidecert(["status", "--storage", scenario.volume.path, "--json"], environment: Self.skewed(offset))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let report = try decoder.decode(SkewStatus.self, from: Data(status.stdout.utf8))
            #expect(report.summary.due == 0, "the replica at \(offset) s thinks it is due: \(status.stdout)")
            let certificate = try #require(report.certificates.first)
            #expect(certificate.usable, "the replica at \(offset) s: \(certificate.problems)")
            let renewal = try #require(certificate.renewalDue)
            let lifetime = certificate.notAfter.timeIntervalSince(certificate.notBefore)
            let clock = Date().addingTimeInterval(TimeInterval(offset))
            #expect(renewal.timeIntervalSince(clock) > lifetime / 4, "renewal at \(renewal) is too soon for the replica at \(offset) s")
        }
        #expect(scenario.pebble.orderCount() == 1)
    }

    struct SkewStatus: Decodable {
        struct Summary: Decodable {
            var due: Int
        }
        struct Certificate: Decodable {
            var usable: Bool
            var problems: [String]
            var notBefore: Date
            var notAfter: Date
            var renewalDue: Date?
        }
        var summary: Summary
        var certificates: [Certificate]
    }
}
