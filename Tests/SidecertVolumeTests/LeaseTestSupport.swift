import Foundation
import Synchronization

@testable import SidecertVolume

/// A counter shared between test tasks.
final class Counter: Sendable {
    private let count = Mutex(0)

    @discardableResult
    func increment() -> Int {
        count.withLock {
            $0 += 1; return $0
        }
    }
    var value: Int { count.withLock { $0 } }
}

/// How many bodies run at once, and the most ever seen.
final class Occupancy: Sendable {
    private let state = Mutex((current: 0, maximum: 0))

    func enter() {
        state.withLock {
            $0.current += 1; $0.maximum = max($0.maximum, $0.current)
        }
    }
    func leave() { state.withLock { $0.current -= 1 } }
    var maximum: Int { state.withLock { $0.maximum } }
}

/// Fast polling, so lease tests take milliseconds per hand-over.
let fastPolling = LeasePollSchedule(initial: .milliseconds(5), maximum: .milliseconds(40))

/// Writes a lease record as if another replica (perhaps a dead one) held the lease.
func writeForeignLease(_ layout: VolumeLayout, name: String, record: LeaseRecord) throws {
    try AtomicFile.write(try VolumeJSON.encode(record), to: try layout.lease(name), mode: 0o644)
}

func deadHolderRecord(token: UInt64 = 7, expiresAt: Date, duration: TimeInterval = 0.3) -> LeaseRecord {
    LeaseRecord(
        holder: "crashed-host-1-dead",
        token: token,
        acquiredAt: expiresAt - duration,
        renewedAt: expiresAt - duration,
        expiresAt: expiresAt,
        durationSeconds: duration
    )
}
