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

    @Test(arguments: [
        // (expires in, unchanged for, released, expired?)
        (30.0, 0.0, false, false),
        (30, 59, false, false),
        (30, 61, false, true),  // unchanged longer than the period: dead, whatever the clocks say
        (-4, 0, false, false),  // within the skew allowance of 5 s
        (-6, 0, false, true),
        (3_600, 0, true, true),  // released
        (3_600, 61, false, true),  // a holder whose clock runs an hour ahead, silent for a period
    ])
    func expiry(expiresIn: TimeInterval, unchangedFor: TimeInterval, released: Bool, expired: Bool) {
        let lease = record(expiresIn: expiresIn, released: released)
        #expect(LeaseExpiry.isExpired(lease, now: referenceDate, unchangedFor: unchangedFor, skewAllowance: 5, fallbackDuration: 10) == expired)
    }

    @Test func unreadableContentExpiresAfterTheWaitersOwnPeriod() {
        #expect(!LeaseExpiry.isExpired(nil, now: referenceDate, unchangedFor: 9, skewAllowance: 5, fallbackDuration: 10))
        #expect(LeaseExpiry.isExpired(nil, now: referenceDate, unchangedFor: 11, skewAllowance: 5, fallbackDuration: 10))
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
