import SidecertReload
import Synchronization

/// A reloader that records what it was asked and fails its first `failures` attempts: the debouncer's
/// logic tested without a frontend.
package final class FakeReloader: FrontendReloader {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String { "fake reload failure" }
    }

    private let state: Mutex<(batches: [[ReloadedCertificate]], failuresLeft: Int)>

    package init(failures: Int = 0) {
        state = Mutex(([], failures))
    }

    package var description: String { "fake" }

    /// Every batch a reload was attempted with, in order (failed attempts included).
    package var batches: [[ReloadedCertificate]] { state.withLock { $0.batches } }

    /// Every certificate a reload was attempted with, in order (failed attempts included).
    package var attempts: [ReloadedCertificate] { batches.flatMap { $0 } }

    package func reload(_ certificates: [ReloadedCertificate]) async throws {
        let fails = state.withLock { state -> Bool in
            state.batches.append(certificates)
            guard state.failuresLeft > 0 else { return false }
            state.failuresLeft -= 1
            return true
        }
        if fails { throw Failure() }
    }
}
