import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// When the renewal loop plans its next attempt, per certificate, shared with `/metrics`, which turns it into
/// seconds-until-renewal at scrape time (a gauge set once would go stale while the loop sleeps).
package final class ScheduledRenewal: Sendable {
    private let moments = Mutex<[String: Date]>([:])

    package init() {}

    func set(_ moment: Date, for name: String) {
        moments.withLock { $0[name] = moment }
    }

    /// Forgets a certificate no longer kept.
    func remove(_ name: String) {
        moments.withLock { $0[name] = nil }
    }

    /// Seconds from `now` to each certificate's next planned attempt (0 when overdue or under way).
    package func secondsUntilRenewal(now: Date) -> [String: Double] {
        moments.withLock { $0.mapValues { max(0, $0.timeIntervalSince(now)) } }
    }
}
