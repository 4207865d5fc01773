#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What ``RenewalSchedule`` decided for one certificate at one moment: when to renew, why, and when the
/// inputs may have changed enough to decide again.
///
/// The daemon sleeps until the earlier of ``renewAt`` and ``checkAgainAt``, then asks the schedule again
/// (after fetching ARI anew, if the CA offers it) before it renews.
package struct RenewalDecision: Sendable, Equatable {
    /// When to renew; `now` (never earlier) when renewal is already due.
    package var renewAt: Date
    /// Why ``renewAt`` is what it is, in words for the log line that announces the next renewal.
    package var reason: String
    /// When to fetch ARI again and decide anew: the CA's `Retry-After`, clamped. Without ARI nothing can move
    /// the renewal moment, so this is ``renewAt``.
    package var checkAgainAt: Date

    /// Creates a decision.
    package init(renewAt: Date, reason: String, checkAgainAt: Date) {
        self.renewAt = renewAt
        self.reason = reason
        self.checkAgainAt = checkAgainAt
    }
}
