import Foundation
import Logging
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

    @Test func theBudgetsFilesAreNoCertificate() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        _ = try await OrderBudget(layout: layout, perHour: 5, logger: logger).reserve(now: Date())
        #expect(try layout.certificateNames().isEmpty)
        #expect(throws: VolumeError.self) { try VolumeLayout.validateCertName(VolumeLayout.orderBudgetName) }
    }
}
