import Foundation
import Synchronization
import Testing

@testable import SidecertVolume

/// The waits below poll counters the contenders raise; a contender that failed never raises its counter, so a
/// time limit turns such a wait into a failure rather than a hung run (beside the whole suite on a loaded
/// machine, a stalled heartbeat once let the second contender take the lease without waiting, and the first
/// waited for its waits for ever).
@Suite(.timeLimit(.minutes(3)))
struct LeaseFileTests {
    let name = "example.com"

    func withLease<T>(
        _ layout: VolumeLayout,
        holder: String,
        process: HolderProcess? = nil,
        duration: Duration = .seconds(2),
        clock: WallClock = .system,
        maximumWait: Duration? = nil,
        isNoLongerNeeded: @Sendable @escaping () async -> Bool = { false },
        onWait: @Sendable @escaping (LeaseWaitProgress) -> Void = { _ in },
        body: (HeldLease) async throws -> T
    ) async throws -> LeaseOutcome<T> {
        try await LeaseFile.withLease(
            layout: layout,
            name: name,
            duration: duration,
            maximumWait: maximumWait,
            holder: LeaseHolder(id: holder, process: process),
            clock: clock,
            pollSchedule: fastPolling,
            logger: quietLogger,
            isNoLongerNeeded: isNoLongerNeeded,
            onWait: onWait,
            body: body
        )
    }

    @Test func theSecondContenderGetsTheLeaseAfterTheFirstReleasesIt() async throws {
        try await withTemporaryVolume { layout in
            let firstHolds = Counter()
            let secondWaits = Counter()
            let secondHolds = Counter()
            try await withThrowingTaskGroup(of: UInt64?.self) { group in
                group.addTask {
                    let outcome = try await withLease(layout, holder: "first") { held in
                        firstHolds.increment()
                        while secondWaits.value < 3 && secondHolds.value == 0 { try await Task.sleep(for: .milliseconds(2)) }
                        #expect(secondHolds.value == 0)
                        return held.token
                    }
                    guard case .ran(let token) = outcome else { return nil }
                    return token
                }
                while firstHolds.value == 0 { try await Task.sleep(for: .milliseconds(2)) }
                group.addTask {
                    let outcome = try await withLease(
                        layout, holder: "second",
                        onWait: { progress in
                            #expect(progress.current?.holder == "first")
                            secondWaits.increment()
                        }
                    ) { held in
                        secondHolds.increment()
                        return held.token
                    }
                    guard case .ran(let token) = outcome else { return nil }
                    return token
                }
                let tokens = try await group.reduce(into: []) { $0.append($1) }.compactMap { $0 }.sorted()
                #expect(tokens == [1, 2])
            }
            let released = try #require(LeaseFile.inspect(layout: layout, name: name))
            #expect(released.holder == "second" && released.releasedAt != nil)
        }
    }

    @Test func aSilentLeaseIsTakenOverAfterOnePeriodWhateverItsClockSays() async throws {
        try await withTemporaryVolume { layout in
            // The dead holder's clock is an hour ahead: only the waiter's monotonic clock can expire it.
            try writeForeignLease(layout, name: name, record: deadHolderRecord(expiresAt: Date() + 3_600))
            let start = ContinuousClock.now
            let outcome = try await withLease(layout, holder: "survivor", duration: .milliseconds(300)) { $0.token }
            let waited = start.duration(to: .now)
            guard case .ran(let token) = outcome else { Issue.record("must acquire"); return }
            #expect(token == 8)
            // Only the lower bound is behaviour; how much later it happens depends on the machine's load.
            #expect(waited >= .milliseconds(300))
        }
    }

    @Test func aRecordWhoseClockTimeIsLongPastIsStillWatchedForAPeriod() async throws {
        try await withTemporaryVolume { layout in
            // Dead, or alive with a clock ten minutes slow: a waiter cannot tell before a period has passed.
            try writeForeignLease(layout, name: name, record: deadHolderRecord(expiresAt: Date() - 600))
            let start = ContinuousClock.now
            let outcome = try await withLease(layout, holder: "survivor") { $0.token }
            guard case .ran(8) = outcome else { Issue.record("must acquire with token 8"); return }
            #expect(start.duration(to: .now) >= .milliseconds(300))
        }
    }

    @Test func aHolderWithASlowClockKeepsItsLeaseFromAWaiterWithTheRightOne() async throws {
        try await withTemporaryVolume { layout in
            let slowHolds = Counter()
            let slowReleased = Counter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Its records say the lease expired ten minutes ago; its heartbeat (at 2 s) says it lives. A generous
                    // period, so that a loaded machine delaying the heartbeat does not lose it the lease.
                    _ = try await withLease(layout, holder: "slow", duration: .seconds(6), clock: .offset(by: -600)) { held in
                        slowHolds.increment()
                        try await Task.sleep(for: .milliseconds(2_500))
                        try held.checkStillHeld()
                        slowReleased.increment()
                    }
                }
                while slowHolds.value == 0 { try await Task.sleep(for: .milliseconds(2)) }
                let outcome = try await withLease(layout, holder: "right", duration: .seconds(6)) { held in
                    #expect(slowReleased.value == 1, "the waiter took the lease from a live holder")
                    return held.token
                }
                guard case .ran(2) = outcome else { Issue.record("must acquire after the release, with token 2"); return }
                try await group.waitForAll()
            }
        }
    }

    @Test func aHolderWhoseProcessEndedOnThisHostIsTakenOverAtOnce() async throws {
        let here = try #require(HolderProcess.current, "needs /proc")
        try await withTemporaryVolume { layout in
            var record = deadHolderRecord(expiresAt: Date() + 3_600, duration: 3_600)
            record.process = HolderProcess(
                bootID: here.bootID, pidNamespace: here.pidNamespace, pid: try Self.pidOfAnEndedProcess(), startTime: 1)
            try writeForeignLease(layout, name: name, record: record)
            let waits = Counter()
            let outcome = try await withLease(layout, holder: "survivor", process: here, onWait: { _ in waits.increment() }) { $0.token }
            guard case .ran(8) = outcome else { Issue.record("must acquire with token 8"); return }
            #expect(waits.value == 0, "taken over at the first look")
            #expect(LeaseFile.inspect(layout: layout, name: name)?.process == here, "the new record names its process")
        }
    }

    @Test func aHolderWhoseProcessRunsOrRanElsewhereIsWatchedForAPeriod() async throws {
        let here = try #require(HolderProcess.current, "needs /proc")
        let ended = try Self.pidOfAnEndedProcess()
        let holders = [
            here,  // this very process: it runs
            HolderProcess(bootID: "another-boot", pidNamespace: here.pidNamespace, pid: ended, startTime: 1),
            HolderProcess(bootID: here.bootID, pidNamespace: "pid:[1]", pid: ended, startTime: 1),
        ]
        for process in holders {
            try await withTemporaryVolume { layout in
                var record = deadHolderRecord(expiresAt: Date() - 600, duration: 0.5)
                record.process = process
                try writeForeignLease(layout, name: name, record: record)
                let start = ContinuousClock.now
                let outcome = try await withLease(layout, holder: "survivor", process: here) { $0.token }
                guard case .ran(8) = outcome else { Issue.record("must acquire with token 8"); return }
                #expect(start.duration(to: .now) >= .milliseconds(500), "\(process) must be watched for its period")
            }
        }
    }

    /// The pid of a child that has ended and been reaped.
    static func pidOfAnEndedProcess() throws -> Int32 {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        return child.processIdentifier
    }

    @Test func unreadableLeaseContentIsTakenOverAfterOnePeriod() async throws {
        try await withTemporaryVolume { layout in
            try AtomicFile.write(Array("garbage".utf8), to: try layout.lease(name), mode: 0o644)
            let outcome = try await withLease(layout, holder: "survivor", duration: .milliseconds(300)) { $0.token }
            guard case .ran(1) = outcome else { Issue.record("must acquire with token 1"); return }
        }
    }

    @Test func aStaleTakeoverLockIsBroken() async throws {
        try await withTemporaryVolume { layout in
            try writeForeignLease(layout, name: name, record: deadHolderRecord(expiresAt: Date() - 60))
            try AtomicFile.write(Array("crashed-taker\n".utf8), to: "\(try layout.lease(name)).takeover", mode: 0o644)
            let outcome = try await withLease(layout, holder: "survivor", duration: .milliseconds(300)) { $0.token }
            guard case .ran(8) = outcome else { Issue.record("must acquire with token 8"); return }
            #expect(!FileManager.default.fileExists(atPath: "\(try layout.lease(name)).takeover"))
        }
    }

    @Test func manyWaitersRacingForAnExpiredLeaseHoldItOneAtATime() async throws {
        try await withTemporaryVolume { layout in
            try writeForeignLease(layout, name: name, record: deadHolderRecord(token: 100, expiresAt: Date() - 60))
            let occupancy = Occupancy()
            let tokens = try await withThrowingTaskGroup(of: UInt64?.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let outcome = try await withLease(layout, holder: "contender-\(index)") { held in
                            occupancy.enter()
                            defer { occupancy.leave() }
                            try held.checkStillHeld()
                            try await Task.sleep(for: .milliseconds(5))
                            try held.checkStillHeld()
                            return held.token
                        }
                        guard case .ran(let token) = outcome else { return nil }
                        return token
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(occupancy.maximum == 1)
            #expect(tokens.compactMap { $0 }.sorted() == Array(101...120))
        }
    }

    @Test func fencingFailsAfterATakeoverAndReleaseLeavesTheNewHolder() async throws {
        try await withTemporaryVolume { layout in
            // A holder that stopped heartbeating (paused, partitioned) for longer than its lease.
            let paused = try LeaseFile(
                layout: layout,
                name: name,
                holder: LeaseHolder(id: "paused"),
                duration: .milliseconds(300),
                logger: quietLogger
            )
            let stale = try #require(
                try await paused.acquire(maximumWait: nil, pollSchedule: fastPolling, isNoLongerNeeded: { false }, onWait: { _ in }))
            try stale.checkStillHeld()

            let outcome = try await withLease(layout, holder: "successor", duration: .milliseconds(300)) { held in
                #expect(throws: VolumeError.self) { try stale.checkStillHeld() }
                let publisher = CertificatePublisher(layout: layout, logger: quietLogger)
                #expect(throws: VolumeError.self) {
                    try publisher.publish(name: name, files: try TestCertificate().files(), fence: stale.checkStillHeld)
                }
                #expect(try publisher.currentVersion(name: name) == nil)
                stale.release()
                #expect(LeaseFile.inspect(layout: layout, name: name)?.holder == "successor")
                try held.checkStillHeld()
                return held.token
            }
            guard case .ran(2) = outcome else { Issue.record("must take over with token 2"); return }
        }
    }

    @Test func theHeartbeatKeepsALongBodysLeaseAndWaitersGiveUpAtMaxWait() async throws {
        try await withTemporaryVolume { layout in
            let firstHolds = Counter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // The body outlives the 6 s lease; only the heartbeat (every 2 s) keeps it. Generous
                    // periods so that a loaded CI machine delaying the heartbeat does not lose the lease.
                    _ = try await withLease(layout, holder: "long", duration: .seconds(6)) { held in
                        firstHolds.increment()
                        try await Task.sleep(for: .milliseconds(8_000))
                        try held.checkStillHeld()
                    }
                }
                while firstHolds.value == 0 { try await Task.sleep(for: .milliseconds(2)) }
                let start = ContinuousClock.now
                do {
                    _ = try await withLease(layout, holder: "impatient", duration: .seconds(6), maximumWait: .milliseconds(7_000)) { _ in
                        Issue.record("must not acquire while the heartbeat runs")
                    }
                    Issue.record("must time out")
                } catch let error as VolumeError {
                    #expect(error.code == .leaseWaitTimedOut)
                    #expect(error.message.contains("long holds it"))
                }
                let waited = start.duration(to: .now)
                #expect(waited >= .milliseconds(7_000))
                try await group.waitForAll()
            }
        }
    }

    @Test func waitingEndsWhenNoLongerNeeded() async throws {
        try await withTemporaryVolume { layout in
            let firstHolds = Counter()
            let published = Counter()
            let followerDecided = Counter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    _ = try await withLease(layout, holder: "issuer") { _ in
                        firstHolds.increment()
                        try await Task.sleep(for: .milliseconds(50))
                        published.increment()
                        // Held until the follower has decided, however slow a busy machine makes its polls: a
                        // fixed 200 ms let it find the lease released and run its body.
                        while followerDecided.value == 0 { try await Task.sleep(for: .milliseconds(5)) }
                    }
                }
                while firstHolds.value == 0 { try await Task.sleep(for: .milliseconds(2)) }
                let outcome = try await withLease(layout, holder: "follower", isNoLongerNeeded: { published.value > 0 }) { _ in
                    Issue.record("the body must not run")
                }
                followerDecided.increment()
                guard case .notNeeded = outcome else { Issue.record("must be not needed"); return }
                #expect(LeaseFile.inspect(layout: layout, name: name)?.holder == "issuer")
                try await group.waitForAll()
            }
        }
    }

    @Test func theLeaseIsReleasedWhenTheBodyThrows() async throws {
        try await withTemporaryVolume { layout in
            struct Failure: Error {}
            await #expect(throws: Failure.self) {
                _ = try await withLease(layout, holder: "failing") { _ in throw Failure() }
            }
            #expect(LeaseFile.inspect(layout: layout, name: name)?.releasedAt != nil)
            let outcome = try await withLease(layout, holder: "next") { $0.token }
            guard case .ran(2) = outcome else { Issue.record("must acquire with token 2"); return }
        }
    }

    @Test func strayFilesAreReported() async throws {
        try await withTemporaryVolume { layout in
            #expect(try LeaseFile.strayFiles(layout: layout, now: Date()).isEmpty)
            _ = try await withLease(layout, holder: "tidy") { _ in }
            let leases = layout.leasesDirectory
            for file in [".example.com.lease.tmp-0123456789abcdef", "example.com.lease.takeover", "notes.txt"] {
                try Data("x".utf8).write(to: URL(fileURLWithPath: "\(leases)/\(file)"))
            }
            #expect(try LeaseFile.strayFiles(layout: layout, now: Date()).isEmpty)
            let stray = try LeaseFile.strayFiles(layout: layout, now: Date() + 120)
            #expect(stray.map(\.name) == [".example.com.lease.tmp-0123456789abcdef", "example.com.lease.takeover", "notes.txt"])
        }
    }
}
