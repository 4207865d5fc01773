import Foundation

/// When a waiter may take a lease over: the pure rule, separate from the file dance.
public enum LeaseExpiry {
    /// Whether a lease is free to take over.
    ///
    /// - Parameters:
    ///   - record: the lease file's record; nil when its content is unreadable (foreign or damaged).
    ///   - now: the waiter's wall clock.
    ///   - unchangedFor: how long, by the waiter's monotonic clock, the file's content has not changed.
    ///   - skewAllowance: how far the holder's clock may be behind the waiter's.
    ///   - fallbackDuration: the period for unreadable content (the waiter's own lease duration).
    /// - Returns: true when released; when now > expiresAt + skew; or when the content has not moved for
    ///   longer than the lease period (a live holder rewrites it every third of one), which holds even
    ///   when the two hosts' clocks disagree.
    public static func isExpired(
        _ record: LeaseRecord?,
        now: Date,
        unchangedFor: TimeInterval,
        skewAllowance: TimeInterval,
        fallbackDuration: TimeInterval
    ) -> Bool {
        guard let record else { return unchangedFor > fallbackDuration }
        if record.releasedAt != nil { return true }
        if now > record.expiresAt.addingTimeInterval(skewAllowance) { return true }
        return unchangedFor > record.durationSeconds
    }
}
