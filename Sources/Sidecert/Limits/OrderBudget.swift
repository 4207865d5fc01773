import Logging
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The fleet's pace of new orders (`--max-orders-per-hour`), shared by every certificate and replica on the
/// volume: a token bucket over ``OrderLog``, taken under its own short lease (reserve, then order). A long
/// list of certificates is first issued at that pace, and a whole fleet coming due at once never bursts
/// past it; the default stays well under Let's Encrypt's 300 new orders per account per 3 hours.
package struct OrderBudget: Sendable {
    /// 60 an hour: 180 per 3 hours, well under Let's Encrypt's 300.
    package static let defaultPerHour = 60

    package let layout: VolumeLayout
    package let perHour: Int
    /// The hour, in seconds: 3600 but in a benchmark that compresses time.
    let hour: TimeInterval
    let logger: Logger

    package init(layout: VolumeLayout, perHour: Int, hour: TimeInterval = 3_600, logger: Logger) {
        self.layout = layout
        self.perHour = perHour
        self.hour = hour
        self.logger = logger
    }

    var bucket: TokenBucket { TokenBucket(capacity: perHour, window: hour) }

    /// What a reservation got.
    package enum Reservation: Sendable, Equatable {
        /// One order is taken from the budget, at this moment.
        case granted(Date)
        /// The budget is spent; the next order is allowed at `nextAt`.
        case exhausted(nextAt: Date)
    }

    /// Takes one order from the budget at `now`, or says when the next one is allowed.
    ///
    /// `now` is read under the lock, not before it: a replica that waited for the lock while others
    /// reserved would otherwise judge their newer entries as not yet placed, and grant beyond the budget
    /// (three replicas issuing 1,000 certificates ordered 2 % past it).
    package func reserve(now: @autoclosure @escaping @Sendable () -> Date) async throws -> Reservation {
        try await withLock { () throws -> Reservation in
            let now = OrderLog.storedTime(now())
            var log = OrderLog.load(layout: layout)
            if let next = bucket.nextToken(spentAt: log.orders, now: now) { return .exhausted(nextAt: next) }
            log.orders.append(now)
            try log.save(layout: layout, now: now)
            return .granted(now)
        }
    }

    /// Gives back a reservation no order came of (the request was refused before it reached the CA).
    package func release(_ reserved: Date) async throws {
        try await withLock { () throws in
            var log = OrderLog.load(layout: layout)
            guard let index = log.orders.lastIndex(of: reserved) else { return }
            log.orders.remove(at: index)
            try log.save(layout: layout, now: reserved)
        }
    }

    /// When the next order is allowed, read without the lock (for planning and `status`); nil when now.
    package func nextAllowed(now: Date) -> Date? {
        bucket.nextToken(spentAt: OrderLog.load(layout: layout).orders, now: now)
    }

    /// When `waiting` orders would all have been placed, starting now: the queue's expected end.
    package func expectedEnd(ofQueue waiting: Int, now: Date) -> Date {
        let first = nextAllowed(now: now) ?? now
        return first.addingTimeInterval(Double(max(0, waiting - 1)) * bucket.refillInterval)
    }

    private func withLock<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        let outcome = try await LeaseFile.withLease(
            layout: layout, name: VolumeLayout.orderBudgetName, duration: .seconds(10), maximumWait: .seconds(60),
            pollSchedule: LeasePollSchedule(initial: .milliseconds(10), maximum: .milliseconds(200)), logger: logger,
            isNoLongerNeeded: { false }, body: { _ in try await body() })
        guard case .ran(let result) = outcome else { throw SidecertError.failure("the order budget's lock was not taken") }
        return result
    }
}
