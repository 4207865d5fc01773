#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How long to wait after consecutive failed attempts: 1 minute, 10 minutes, 100 minutes, then a day,
/// as Let's Encrypt's integration guide recommends. A success resets it; a CA `Retry-After` that is
/// later wins.
package struct BackoffSchedule: Sendable, Equatable {
    /// The wait after 1, 2, 3, … consecutive failures; the last applies to every further failure.
    package var delays: [TimeInterval]

    package init(delays: [TimeInterval] = [60, 600, 6_000, 86_400]) {
        precondition(!delays.isEmpty, "a backoff schedule needs at least one delay")
        self.delays = delays
    }

    /// The wait after `failures` consecutive failures; zero after none.
    package func delay(afterConsecutiveFailures failures: Int) -> TimeInterval {
        guard failures > 0 else { return 0 }
        return delays[min(failures, delays.count) - 1]
    }

    /// When the ledger's failures since the last success allow the next attempt; nil when there are none.
    ///
    /// Interrupted (`.started`) attempts count as failures, so a crash-looping issuer backs off too. A
    /// single interruption alone imposes no wait: the crashed holder's lease already held the fleet back
    /// for one lease period, and the successor should take over then (DESIGN: "delays the fleet by at most
    /// one lease period"). From the second consecutive failure on, the schedule counts it.
    package func nextAttemptAllowed(for ledger: IssuanceLedger) -> Date? {
        let failures = ledger.failuresSinceLastSuccess
        guard let last = failures.last else { return nil }
        if failures.count == 1, last.result == .started { return nil }
        let scheduled = last.time.addingTimeInterval(delay(afterConsecutiveFailures: failures.count))
        let retryAfter = failures.compactMap(\.retryAfter).max() ?? .distantPast
        return max(scheduled, retryAfter)
    }
}
