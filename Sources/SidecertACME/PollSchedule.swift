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

/// The waits between polls of one order or authorization: a pure function of the policy, the attempts so far,
/// the clock and the CA's `Retry-After`, so it is tested with a fixed clock.
struct PollSchedule {
    /// The policy the waits follow.
    let policy: ACMEPollingPolicy
    /// When polling gives up; shared by every schedule of one issuance.
    let deadline: Date
    /// How many waits were handed out.
    private(set) var attempts = 0

    init(policy: ACMEPollingPolicy, deadline: Date) {
        self.policy = policy
        self.deadline = deadline
    }

    /// The next wait, or `nil` once the deadline has passed.
    ///
    /// Computed waits grow from `initialDelay` by `growthFactor` up to `maximumDelay`. A `Retry-After` replaces
    /// the computed wait, clamped to between `initialDelay` (a past date must not make a busy loop) and
    /// `maximumRetryAfter`. No wait reaches past the deadline, so the last poll happens right at it.
    mutating func nextDelay(now: Date, retryAfter: Date?) -> Duration? {
        let remaining = deadline.timeIntervalSince(now)
        guard remaining > 0 else { return nil }
        let initial = policy.initialDelay.timeInterval
        let delay: TimeInterval
        if let retryAfter {
            delay = min(max(retryAfter.timeIntervalSince(now), initial), policy.maximumRetryAfter.timeInterval)
        } else {
            let grown = initial * pow(max(policy.growthFactor, 1), Double(min(attempts, 64)))
            delay = min(grown, policy.maximumDelay.timeInterval)
        }
        attempts += 1
        return .seconds(min(delay, remaining))
    }
}
