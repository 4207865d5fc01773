#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Why a waiter may take a lease over: the pure rule, separate from the file dance.
///
/// Judged only by what this waiter has seen itself, never by comparing the record's times with its own
/// wall clock: hosts' clocks disagree, and a holder whose clock runs ten minutes slow writes an expiry that
/// looks long past to everyone else although it heartbeats on time. So a record not seen before is watched
/// for one lease period, unless it was released or its holder's process has visibly ended.
enum LeaseExpiry: Sendable, Equatable {
    /// The holder released it: the next holder takes it at once.
    case released
    /// The holder ran on this host, in this PID namespace, and its process has ended; the words say how.
    case holderEnded(String)
    /// The content has not changed for `unchangedFor` seconds, on this waiter's monotonic clock, longer than
    /// the `period` a live holder rewrites it in: the holder stopped heartbeating.
    case silent(unchangedFor: TimeInterval, period: TimeInterval)

    /// Whether the lease is free to take over, and why; nil while it is held.
    ///
    /// - Parameters:
    ///   - record: the lease file's record; nil when its content is unreadable (foreign or damaged).
    ///   - unchangedFor: how long, by the waiter's monotonic clock, the file's content has not changed.
    ///   - fallbackDuration: the period for unreadable content (the waiter's own lease duration).
    ///   - holderEnded: why the record's holder process has ended, if it is known to have (asked only for a
    ///     record that is neither released nor silent).
    static func judge(
        _ record: LeaseRecord?,
        unchangedFor: TimeInterval,
        fallbackDuration: TimeInterval,
        holderEnded: () -> String?
    ) -> LeaseExpiry? {
        guard let record else {
            return unchangedFor > fallbackDuration ? .silent(unchangedFor: unchangedFor, period: fallbackDuration) : nil
        }
        if record.releasedAt != nil { return .released }
        if unchangedFor > record.durationSeconds { return .silent(unchangedFor: unchangedFor, period: record.durationSeconds) }
        return holderEnded().map(LeaseExpiry.holderEnded)
    }

    /// Why the lease was taken over, for the log line.
    var reason: String {
        switch self {
        case .released:
            "it was released"
        case .holderEnded(let words):
            words
        case .silent(let unchangedFor, let period):
            "it has not changed for \(Self.seconds(unchangedFor)), longer than its lease period of \(Self.seconds(period))"
        }
    }

    private static func seconds(_ value: TimeInterval) -> String {
        // At most one decimal, and none for whole seconds: "61 s", "0.5 s". A period read from a damaged or
        // hostile lease file can be any number: past Int's range it is written as Swift writes a Double.
        let tenths = (value * 10).rounded()
        if tenths.truncatingRemainder(dividingBy: 10) == 0, let whole = Int(exactly: tenths / 10) { return "\(whole) s" }
        return "\(value.isFinite ? tenths / 10 : value) s"
    }
}
