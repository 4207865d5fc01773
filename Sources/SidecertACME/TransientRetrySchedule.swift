#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// When to send a request of an order again after it failed transiently: a pure function of the policy, the
/// retries so far, the clock and the error (its `Retry-After`), so it is tested with a fixed clock.
///
/// An order is not given up for one lost answer: a poll that meets a 503 or a reset connection is sent again a
/// moment later, instead of abandoning an order whose authorizations may already be valid (and whose new
/// attempt would count against the CA's limits).
struct TransientRetrySchedule {
    /// The policy the retries follow.
    let policy: ACMEPollingPolicy
    /// When the order gives up; no retry is scheduled past it.
    let deadline: Date
    /// How many retries were handed out.
    private(set) var retries = 0

    init(policy: ACMEPollingPolicy, deadline: Date) {
        self.policy = policy
        self.deadline = deadline
    }

    /// The wait before sending the failed request again, or `nil` to give up: the failure is not transient,
    /// the retries are spent, the CA's `Retry-After` is longer than an order waits (`maximumRetryAfter`: the
    /// ledger keeps it for the fleet instead), or the wait would end past the deadline.
    ///
    /// Waits grow threefold from `transientRetryDelay`; a `Retry-After` lengthens one, never shortens it.
    mutating func nextDelay(after error: ACMEError, now: Date) -> Duration? {
        guard error.isTransient, retries < policy.transientRetries else { return nil }
        var delay = policy.transientRetryDelay.timeInterval * pow(3, Double(retries))
        if let retryAfter = error.retryAfter {
            let asked = retryAfter.timeIntervalSince(now)
            guard asked <= policy.maximumRetryAfter.timeInterval else { return nil }
            delay = max(delay, asked)
        }
        guard now.addingTimeInterval(delay) < deadline else { return nil }
        retries += 1
        return .seconds(delay)
    }
}
