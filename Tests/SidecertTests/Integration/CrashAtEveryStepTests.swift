import Foundation
import SidecertTestSupport
import Testing

@testable import Sidecert
@testable import SidecertVolume

/// The holder SIGKILLed at every step of an issuance, then five replicas started at once: every one exits 0,
/// at most one more order reaches the CA, no reader ever sees a key without its certificate, no challenge
/// answer is left on the volume, and the ledger says what happened. One row each in docs/RELIABILITY.md.
@Suite(.tags(.realPeers))
struct CrashAtEveryStepTests {
    /// What the volume and the CA hold after a crash at a step, and so what the successors must do.
    struct Expectation: Sendable, CustomTestStringConvertible {
        let step: IssuanceStep
        /// Orders at the CA in the end: the crashed holder's (if it got that far) and the successors'.
        let orders: Int
        /// Whether the crashed holder's certificate is the one served in the end (no successor ordered).
        let crashedHolderPublished: Bool
        /// The ledger's attempts in the end, oldest first.
        let attempts: [IssuanceLedger.Attempt.Result]

        var testDescription: String { step.rawValue }
    }

    static let expectations: [Expectation] = [
        Expectation(step: .accountCreated, orders: 1, crashedHolderPublished: false, attempts: [.started, .succeeded]),
        Expectation(step: .orderCreated, orders: 2, crashedHolderPublished: false, attempts: [.started, .succeeded]),
        Expectation(step: .challengePresented, orders: 2, crashedHolderPublished: false, attempts: [.started, .succeeded]),
        Expectation(step: .challengeAnswered, orders: 2, crashedHolderPublished: false, attempts: [.started, .succeeded]),
        Expectation(step: .finalized, orders: 2, crashedHolderPublished: false, attempts: [.started, .succeeded]),
        Expectation(step: .certificateDownloaded, orders: 2, crashedHolderPublished: false, attempts: [.started, .succeeded]),
        Expectation(step: .versionWritten, orders: 2, crashedHolderPublished: false, attempts: [.started, .succeeded]),
        // Live already: the successors take the fast path and write nothing, so the interrupted attempt stays
        // the ledger's last word (status says "interrupted") while the certificate is served.
        Expectation(step: .liveSwapped, orders: 1, crashedHolderPublished: true, attempts: [.started]),
        Expectation(step: .ledgerWritten, orders: 1, crashedHolderPublished: true, attempts: [.succeeded]),
    ]

    @Test(
        "a holder killed at each step; five replicas then all exit 0", .requiresPebble, .requiresNginx, .timeLimit(.minutes(3)),
        arguments: expectations)
    func killedAt(_ expected: Expectation) async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let name = "crash-\(expected.step.rawValue).example"
        let layout = VolumeLayout(root: scenario.volume.path)
        // The killed holder's end is seen at once (its pid and start time), so no successor waits out the lease,
        // and a lease of 20 s keeps a successor's heartbeat far from expiry on a loaded machine. (A replica that
        // once exited 75 here, "2 consecutive failed attempts", had read the ledger before the lease: see
        // EnsureOperation.gateDecision and docs/RELIABILITY.md.)
        let arguments = scenario.ensureArguments([name], extra: ["--lease-duration", "20s"])
        let sampler = Task { try await FleetTests.watchConsistency(layout: layout, name: name) }

        let holder = try SidecertProcess.start(arguments, environment: ["SIDECERT_TEST_FAULT": "\(expected.step.rawValue):kill"])
        let crashed = try await holder.wait(timeout: .seconds(60))
        #expect(crashed.status == 128 + SIGKILL, "the holder was killed at \(expected.step.rawValue): \(crashed.stderr)")
        #expect(crashed.stderr.contains("killed at \(expected.step.rawValue)"))
        let publishedByCrashed = try InstalledCertificate.load(layout: layout, name: name)?.serialHex

        let replicas = try await withThrowingTaskGroup(of: SidecertResult.self) { group in
            for _ in 0..<5 { group.addTask { try await scenario.sidecert(arguments) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for replica in replicas {
            #expect(replica.status == 0, "a replica failed after a crash at \(expected.step.rawValue): \(replica.stderr)")
        }
        sampler.cancel()
        let torn = try await sampler.value
        #expect(torn.isEmpty, "a reader saw live/ inconsistent: \(torn)")

        let served = try #require(try InstalledCertificate.load(layout: layout, name: name))
        #expect(served.keyMatchesCertificate)
        #expect(scenario.pebble.orderCount() == expected.orders, "orders at the CA")
        #expect((publishedByCrashed == served.serialHex) == expected.crashedHolderPublished)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: layout.challengeDirectory)) ?? []
        #expect(leftovers.filter { !$0.hasPrefix(".") }.isEmpty, "challenge answers left on the volume: \(leftovers)")
        let ledger = try IssuanceLedger.load(layout: layout, name: name).ledger
        #expect(ledger.attempts.map(\.result) == expected.attempts)
        #expect(ledger.nextAttemptAllowed() == nil, "one interruption imposes no backoff")
    }
}
