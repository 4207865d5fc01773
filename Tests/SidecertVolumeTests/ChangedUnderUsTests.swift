import Foundation
import Synchronization
import Testing

@testable import SidecertVolume

/// Reads that a network filesystem fails with `ESTALE` (or `ENOENT`) because another client replaced the
/// file are looked at again, a bounded number of times; the lease's waiters never fail on them.
struct ChangedUnderUsTests {
    static func stale(_ path: String = "/volume/leases/example.com.lease") -> VolumeError {
        VolumeError.posix("opening", path: path, errno: ESTALE)
    }

    @Test(arguments: [ESTALE, ENOENT])
    func aFileThatChangedUnderUsIsReadAgain(errorNumber: Int32) throws {
        let looks = Counter()
        let value = try ChangedUnderUs.retrying {
            guard looks.increment() == ChangedUnderUs.attempts else { throw VolumeError.posix("stat", path: "/x", errno: errorNumber) }
            return 42
        }
        #expect(value == 42 && looks.value == ChangedUnderUs.attempts)
    }

    @Test func aFileThatKeepsChangingFailsAfterAFewLooks() {
        let looks = Counter()
        #expect(throws: Self.stale()) {
            try ChangedUnderUs.retrying { () throws -> Int in
                looks.increment()
                throw Self.stale()
            }
        }
        #expect(looks.value == ChangedUnderUs.attempts)
        #expect(Self.stale().message.contains("Stale file handle"))
    }

    @Test func otherFailuresAreNotRetried() {
        let looks = Counter()
        #expect(throws: VolumeError.self) {
            try ChangedUnderUs.retrying { () throws -> Int in
                looks.increment()
                throw VolumeError.posix("opening", path: "/x", errno: EACCES)
            }
        }
        #expect(looks.value == 1)
    }

    /// A volume whose looks fail with ESTALE as `failing` says, given the look's number (from 1).
    static func flakyReader(_ failing: @escaping @Sendable (Int) -> Bool) -> (VolumeFileReader, Counter) {
        let looks = Counter()
        let reader = VolumeFileReader { path, limit in
            if failing(looks.increment()) { throw VolumeError.posix("opening", path: path, errno: ESTALE) }
            return try VolumeFileReader.volume.look(path, limit)
        }
        return (reader, looks)
    }

    func contender(_ layout: VolumeLayout, _ id: String, reader: VolumeFileReader) throws -> LeaseFile {
        try LeaseFile(
            layout: layout, name: "example.com", holder: LeaseHolder(id: id), duration: .seconds(60), reader: reader,
            logger: quietLogger)
    }

    @Test func waitersTakeTurnsWhileTwoOfEveryThreeLooksAreStale() async throws {
        try await withTemporaryVolume { layout in
            // A dead holder first, so the takeover path (its lock included) is read through the flaky volume too.
            try writeForeignLease(layout, name: "example.com", record: deadHolderRecord(token: 10, expiresAt: Date() - 60))
            let occupancy = Occupancy()
            var counters: [Counter] = []
            let tokens = try await withThrowingTaskGroup(of: UInt64.self) { group in
                for index in 0..<8 {
                    // Each its own volume client: its looks alternate fail, fail, succeed.
                    let (reader, looks) = Self.flakyReader { $0 % 3 != 0 }
                    counters.append(looks)
                    let file = try contender(layout, "contender-\(index)", reader: reader)
                    group.addTask {
                        let held = try #require(
                            try await file.acquire(
                                maximumWait: .seconds(30), pollSchedule: fastPolling, isNoLongerNeeded: { false }, onWait: { _ in }))
                        occupancy.enter()
                        try held.checkStillHeld()
                        try await Task.sleep(for: .milliseconds(5))
                        try held.checkStillHeld()
                        occupancy.leave()
                        held.release()
                        return held.token
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(occupancy.maximum == 1)
            #expect(tokens.sorted() == Array(11...18))
            #expect(counters.allSatisfy { $0.value >= 3 }, "every contender's looks did fail")
        }
    }

    @Test func aWaiterWhoseLooksKeepFailingLooksAgainAtTheNextPoll() async throws {
        try await withTemporaryVolume { layout in
            // More failures in a row than one poll's looks: the poll is lost, the waiter is not.
            let (reader, looks) = Self.flakyReader { $0 <= 3 * ChangedUnderUs.attempts }
            let file = try contender(layout, "patient", reader: reader)
            let polls = Counter()
            let held = try #require(
                try await file.acquire(
                    maximumWait: .seconds(30), pollSchedule: fastPolling, isNoLongerNeeded: { false }, onWait: { _ in polls.increment() }))
            #expect(held.token == 1)
            #expect(polls.value == 3)
            #expect(looks.value > 3 * ChangedUnderUs.attempts)
            held.release()
        }
    }
}
