#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One of a CA's rate limits as a token bucket, the way Let's Encrypt computes them (the generic cell rate
/// algorithm): `capacity` requests at once, then one more every `window / capacity` as the bucket refills.
///
/// A sliding window ("5 in the last 7 days") would make a fleet wait a whole week after a burst; the bucket
/// gives one request back every 34 hours, exactly as the CA does, so the model never refuses what the CA
/// would allow.
package struct TokenBucket: Sendable, Equatable {
    /// How many requests a full bucket allows at once.
    package var capacity: Int
    /// How long an empty bucket takes to fill again.
    package var window: TimeInterval

    package init(capacity: Int, window: TimeInterval) {
        precondition(capacity > 0 && window > 0, "a token bucket needs a positive capacity and window")
        self.capacity = capacity
        self.window = window
    }

    /// How long one token takes to come back.
    package var refillInterval: TimeInterval { window / Double(capacity) }

    /// When the bucket next holds a token, given the requests that spent tokens; nil when it holds one at `now`.
    ///
    /// A request the CA granted proves it had a token then, even when this model thought otherwise (the CA
    /// counts what it counts): the model is never allowed to run further ahead than a full window after it.
    package func nextToken(spentAt times: [Date], now: Date) -> Date? {
        let allowedAt = theoreticalArrival(spentAt: times, now: now).addingTimeInterval(refillInterval - window)
        return allowedAt > now ? allowedAt : nil
    }

    /// How many tokens the bucket holds at `now` (for `status`).
    package func tokens(spentAt times: [Date], now: Date) -> Int {
        let backlog = max(0, theoreticalArrival(spentAt: times, now: now).timeIntervalSince(now))
        return max(0, capacity - Int((backlog / refillInterval).rounded(.up)))
    }

    /// The generic cell rate algorithm's "theoretical arrival time": the moment the bucket would be full again.
    private func theoreticalArrival(spentAt times: [Date], now: Date) -> Date {
        var arrival = Date.distantPast
        for time in times.sorted() where time <= now {
            arrival = min(max(arrival, time).addingTimeInterval(refillInterval), time.addingTimeInterval(window))
        }
        return arrival
    }
}
