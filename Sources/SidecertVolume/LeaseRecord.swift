#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a lease file says: who holds the lease, since when, until when, and its fencing token.
package struct LeaseRecord: Codable, Sendable, Equatable {
    /// The holder's ``LeaseHolder/id``.
    package var holder: String
    /// The fencing generation: one more than the record it replaced, so a newer holder is always
    /// distinguishable from an older one that woke up late.
    package var token: UInt64
    /// When this holder got the lease.
    package var acquiredAt: Date
    /// When the holder last wrote the record (its heartbeat).
    package var renewedAt: Date
    /// When the lease lapses unless renewed, by the holder's clock: for the holder's own fencing check and
    /// for people; waiters never compare it with their clock (see ``LeaseExpiry``).
    package var expiresAt: Date
    /// The lease period the holder uses; waiters apply it with their own monotonic clock, so an unmoving
    /// record expires whatever the hosts' clocks say.
    package var durationSeconds: TimeInterval
    /// When the holder released it; a released record is free for the next holder, who takes its token + 1.
    package var releasedAt: Date?
    /// The holder's process, when it could say; absent in records written before it existed. A waiter on the
    /// same host takes the lease over at once once this process has ended.
    package var process: HolderProcess?

    package init(
        holder: String,
        token: UInt64,
        acquiredAt: Date,
        renewedAt: Date,
        expiresAt: Date,
        durationSeconds: TimeInterval,
        releasedAt: Date? = nil,
        process: HolderProcess? = nil
    ) {
        self.holder = holder
        self.token = token
        self.acquiredAt = acquiredAt
        self.renewedAt = renewedAt
        self.expiresAt = expiresAt
        self.durationSeconds = durationSeconds
        self.releasedAt = releasedAt
        self.process = process
    }
}
