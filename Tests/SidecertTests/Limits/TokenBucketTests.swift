import Foundation
import Testing

@testable import Sidecert

/// The token bucket against Let's Encrypt's published arithmetic: 5 duplicate certificates per 7 days, one
/// back every 33.6 hours.
struct TokenBucketTests {
    let bucket = TokenBucket(capacity: 5, window: 7 * 86_400)
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    var refill: TimeInterval { 7 * 86_400 / 5 }

    @Test func aFullBucketAllowsABurstOfItsCapacity() {
        #expect(bucket.nextToken(spentAt: [], now: start) == nil)
        #expect(bucket.tokens(spentAt: [], now: start) == 5)
        let four = Array(repeating: start, count: 4)
        #expect(bucket.nextToken(spentAt: four, now: start) == nil)
        #expect(bucket.tokens(spentAt: four, now: start) == 1)
    }

    @Test func anEmptyBucketGivesOneTokenBackPerRefillInterval() {
        let burst = Array(repeating: start, count: 5)
        #expect(bucket.nextToken(spentAt: burst, now: start) == start + refill)
        #expect(bucket.tokens(spentAt: burst, now: start) == 0)
        #expect(bucket.nextToken(spentAt: burst, now: start + refill) == nil)
        #expect(bucket.tokens(spentAt: burst, now: start + refill) == 1)
        // Spending that token empties it again for one more interval, not for a week.
        let sixth = burst + [start + refill]
        #expect(bucket.nextToken(spentAt: sixth, now: start + refill) == start + 2 * refill)
        #expect(bucket.tokens(spentAt: burst, now: start + 7 * 86_400) == 5)
    }

    @Test func fiveCertificatesOverFiveDaysLeaveRoomForAnother() {
        // A sliding window would refuse a sixth until the first is a week old; the CA's bucket has refilled.
        let daily = (0..<5).map { start + Double($0) * 86_400 }
        let now = start + 4 * 86_400
        #expect(bucket.nextToken(spentAt: daily, now: now) == nil)
        #expect(bucket.tokens(spentAt: daily, now: now) >= 1)
    }

    @Test func aRequestTheCAGrantedAgainstTheModelDoesNotPushItBeyondOneWindow() {
        // Ten certificates at once (the CA counted some elsewhere, or its bucket is larger than we think).
        let ten = Array(repeating: start, count: 10)
        #expect(bucket.nextToken(spentAt: ten, now: start) == start + refill)
    }

    @Test func requestsInTheFutureOfNowAreIgnored() {
        #expect(bucket.nextToken(spentAt: Array(repeating: start + 60, count: 5), now: start) == nil)
    }
}
