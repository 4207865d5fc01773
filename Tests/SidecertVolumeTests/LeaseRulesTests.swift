import Foundation
import Testing

@testable import SidecertVolume

struct LeaseRulesTests {
    func record(expiresIn seconds: TimeInterval, duration: TimeInterval = 60, released: Bool = false) -> LeaseRecord {
        LeaseRecord(
            holder: "host-1-abc",
            token: 3,
            acquiredAt: referenceDate - 600,
            renewedAt: referenceDate + seconds - duration,
            expiresAt: referenceDate + seconds,
            durationSeconds: duration,
            releasedAt: released ? referenceDate - 1 : nil
        )
    }

    @Test(
        arguments: [
            // (its expiry from the waiter's clock, unchanged for, released, the holder's process ended, expected)
            (30.0, 0.0, false, false, nil),
            (30, 59, false, false, nil),
            (30, 61, false, false, LeaseExpiry.silent(unchangedFor: 61, period: 60)),  // a period without a heartbeat
            // A holder whose clock runs ten minutes slow writes an expiry long past: it is watched all the same.
            (-540, 0, false, false, nil),
            (-540, 59, false, false, nil),
            (-540, 61, false, false, .silent(unchangedFor: 61, period: 60)),
            // And one whose clock runs an hour ahead, silent for a period, is dead all the same.
            (3_600, 61, false, false, .silent(unchangedFor: 61, period: 60)),
            (3_600, 0, true, false, .released),  // released: taken at once
            (30, 0, false, true, .holderEnded("ended")),  // its process is gone: taken at once
            (30, 0, true, true, .released),
        ] as [(TimeInterval, TimeInterval, Bool, Bool, LeaseExpiry?)])
    func expiry(expiresIn: TimeInterval, unchangedFor: TimeInterval, released: Bool, holderEnded: Bool, expected: LeaseExpiry?) {
        let lease = record(expiresIn: expiresIn, released: released)
        let verdict = LeaseExpiry.judge(lease, unchangedFor: unchangedFor, fallbackDuration: 10) { holderEnded ? "ended" : nil }
        #expect(verdict == expected)
    }

    @Test func theHoldersProcessIsLookedAtOnlyForALeaseThatIsStillHeld() {
        let looks = Counter()
        let look = { () -> String? in
            looks.increment()
            return nil
        }
        _ = LeaseExpiry.judge(record(expiresIn: 30, released: true), unchangedFor: 0, fallbackDuration: 10, holderEnded: look)
        _ = LeaseExpiry.judge(record(expiresIn: 30), unchangedFor: 61, fallbackDuration: 10, holderEnded: look)
        #expect(looks.value == 0)
        _ = LeaseExpiry.judge(record(expiresIn: 30), unchangedFor: 1, fallbackDuration: 10, holderEnded: look)
        #expect(looks.value == 1)
    }

    @Test func unreadableContentExpiresAfterTheWaitersOwnPeriod() {
        #expect(LeaseExpiry.judge(nil, unchangedFor: 9, fallbackDuration: 10) { "ended" } == nil)
        #expect(LeaseExpiry.judge(nil, unchangedFor: 11, fallbackDuration: 10) { nil } == .silent(unchangedFor: 11, period: 10))
    }

    @Test func theTakeoverSaysWhy() {
        #expect(LeaseExpiry.silent(unchangedFor: 61.04, period: 60).reason == "it has not changed for 61 s, longer than its lease period of 60 s")
        #expect(LeaseExpiry.silent(unchangedFor: 2.54, period: 0.5).reason == "it has not changed for 2.5 s, longer than its lease period of 0.5 s")
        #expect(
            LeaseExpiry.silent(unchangedFor: 59.96, period: 12.25).reason == "it has not changed for 60 s, longer than its lease period of 12.3 s")
        // A lease file's period can be anything (the LeaseRecord fuzz target found 1.1e29 trapping).
        #expect(LeaseExpiry.silent(unchangedFor: 61, period: 1.1e29).reason.hasSuffix("lease period of 1.1e+29 s"))
        #expect(
            LeaseExpiry.silent(unchangedFor: .infinity, period: -.infinity).reason
                == "it has not changed for inf s, longer than its lease period of -inf s")
        #expect(LeaseExpiry.holderEnded("its process 12 on this host has ended").reason == "its process 12 on this host has ended")
        #expect(LeaseExpiry.released.reason == "it was released")
    }

    @Test func pollingStartsSoonGrowsAndIsBounded() {
        let schedule = LeasePollSchedule()
        #expect(schedule.delay(afterPoll: 0, jitter: 0) == .milliseconds(100))
        #expect(schedule.delay(afterPoll: 0, jitter: 0.999_999) <= .milliseconds(300))
        #expect(schedule.delay(afterPoll: 0, jitter: 0.999_999) > .milliseconds(299))
        var previous = Duration.zero
        for poll in 0..<200 {
            let low = schedule.delay(afterPoll: poll, jitter: 0)
            let high = schedule.delay(afterPoll: poll, jitter: 0.999_999)
            #expect(low >= previous && low >= .milliseconds(100))
            #expect(high <= .seconds(2))
            previous = low
        }
        #expect(schedule.delay(afterPoll: 20, jitter: 0.999_999) > .milliseconds(1_990))
    }
}
