import Foundation
import Logging
import SidecertTestSupport
import SidecertVolume
import Testing

@testable import Sidecert

/// The fleet's order budget on a real volume: reservations until the bucket is spent, the moment the next is
/// allowed, a reservation given back, and the queue's expected end.
struct OrderBudgetTests {
    let logger = Logger(label: "budget") { _ in SwiftLogNoOpLogHandler() }

    @Test func reservationsStopAtTheBudgetAndComeBackOneByOne() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let budget = OrderBudget(layout: VolumeLayout(root: volume.path), perHour: 3, logger: logger)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for _ in 0..<3 {
            #expect(try await budget.reserve(now: now) == .granted(now))
        }
        #expect(try await budget.reserve(now: now) == .exhausted(nextAt: now + 1_200), "one back every 20 minutes")
        #expect(budget.nextAllowed(now: now) == now + 1_200)
        #expect(budget.expectedEnd(ofQueue: 5, now: now) == now + 1_200 + 4 * 1_200)
        try await budget.release(now)
        #expect(try await budget.reserve(now: now) == .granted(now), "a reservation given back is there again")
        #expect(try await budget.reserve(now: now + 1_200) == .granted(now + 1_200))
    }

    /// The volume keeps times to the millisecond: a reservation made between two is recorded, counted and
    /// given back at the time the log holds (given back at the exact time, it was never found).
    @Test func aReservationBetweenTwoMillisecondsIsCountedAndGivenBack() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let budget = OrderBudget(layout: VolumeLayout(root: volume.path), perHour: 1, logger: logger)
        let now = Date(timeIntervalSince1970: 1_800_000_000.0006)
        guard case .granted(let reserved) = try await budget.reserve(now: now) else { Issue.record("the first is granted"); return }
        #expect(reserved == OrderLog.load(layout: VolumeLayout(root: volume.path)).orders.last)
        #expect(try await budget.reserve(now: now) != .granted(now), "rounded up, the first still counts")
        try await budget.release(reserved)
        guard case .granted = try await budget.reserve(now: now) else { Issue.record("given back, it is there again"); return }
    }

    @Test func replicasShareOneBudget() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        let now = Date()
        let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    let budget = OrderBudget(layout: layout, perHour: 5, logger: logger)
                    if case .granted = try await budget.reserve(now: now) { return true }
                    return false
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 5)
    }

    /// Replicas that wait for the budget's lock read the time once they hold it: a time read before waiting
    /// made a replica count others' newer reservations as not yet placed and grant past the budget.
    // A hang guard only: each reservation takes the volume's lock and syncs a file, which a loaded machine's
    // disk may take long over (a full run beside a build overran one minute).
    @Test(.timeLimit(.minutes(3)))
    func replicasReservingAsFastAsTheyCanNeverOutrunTheBudget() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        // 10 at once, then one every 50 ms; six reservers ask again at once whenever granted, until each has
        // four (counted, not timed: a busy machine may start them late).
        let budget = OrderBudget(layout: layout, perHour: 10, hour: 0.5, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    var granted = 0
                    while granted < 4 {
                        switch try await budget.reserve(now: Date()) {
                        case .granted: granted += 1
                        case .exhausted(let next): try await Task.sleep(for: .milliseconds(max(1, Int(next.timeIntervalSinceNow * 1_000))))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let orders = OrderLog.load(layout: layout).orders.sorted()
        #expect(orders.count == 24)
        for (index, time) in orders.enumerated() {
            // The volume keeps times to the millisecond: a reservation may read back up to half of one early.
            let allowed = 10 + Int(((time.timeIntervalSince(orders[0]) + 0.001) / 0.05).rounded(.down))
            #expect(index + 1 <= allowed, "reservation \(index + 1) at +\(time.timeIntervalSince(orders[0])) s is past the budget")
        }
    }

    @Test func theBudgetsFilesAreNoCertificate() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        _ = try await OrderBudget(layout: layout, perHour: 5, logger: logger).reserve(now: Date())
        #expect(try layout.certificateNames().isEmpty)
        #expect(throws: VolumeError.self) { try VolumeLayout.validateCertName(VolumeLayout.orderBudgetName) }
    }
}
