#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `ledger/_order-budget.json`: when the fleet placed its recent new orders, every certificate and replica
/// together, so that a volume with thousands of certificates orders at a pace the CA accepts. Read and
/// written under the `_order-budget` lease only; the rule that uses it is the caller's.
package struct OrderLog: Codable, Sendable, Equatable {
    /// When orders were placed (or reserved), oldest first.
    package var orders: [Date]

    package init(orders: [Date] = []) {
        self.orders = orders
    }

    /// How long entries are kept: longer than any budget's window (an hour).
    package static let retention: TimeInterval = 2 * 3_600

    /// `date` as the log keeps it, to the millisecond. A reservation is recorded and judged at this time: the
    /// exact one would not equal what is read back (so it could not be given back), and when rounded up it
    /// would lie after the moment it was judged at, which the budget ignores as not yet placed.
    package static func storedTime(_ date: Date) -> Date {
        VolumeJSON.stored(date)
    }

    /// Reads the log; a missing or corrupt one is empty (the budget then allows a burst once).
    package static func load(layout: VolumeLayout) -> OrderLog {
        guard let path = try? layout.ledger(VolumeLayout.orderBudgetName), let bytes = try? AtomicFile.readIfPresent(path),
            let log = try? VolumeJSON.decode(OrderLog.self, from: bytes)
        else { return OrderLog() }
        return log
    }

    /// Writes the log atomically, without entries older than ``retention``.
    package func save(layout: VolumeLayout, now: Date) throws {
        let kept = OrderLog(orders: orders.filter { now.timeIntervalSince($0) < Self.retention })
        try AtomicFile.write(try VolumeJSON.encode(kept), to: try layout.ledger(VolumeLayout.orderBudgetName), mode: 0o644)
    }
}
