import SidecertReload
import Synchronization

/// A reloader that records what it was asked and fails its first `failures` attempts: the debouncer's
/// logic tested without a frontend.
final class FakeReloader: FrontendReloader {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "fake reload failure" }
    }

    private let state: Mutex<(batches: [[ReloadedCertificate]], failuresLeft: Int)>

    init(failures: Int = 0) {
        state = Mutex(([], failures))
    }

    var description: String { "fake" }

    /// Every batch a reload was attempted with, in order (failed attempts included).
    var batches: [[ReloadedCertificate]] { state.withLock { $0.batches } }

    /// Every certificate a reload was attempted with, in order (failed attempts included).
    var attempts: [ReloadedCertificate] { batches.flatMap { $0 } }

    func reload(_ certificates: [ReloadedCertificate]) async throws {
        let fails = state.withLock { state -> Bool in
            state.batches.append(certificates)
            guard state.failuresLeft > 0 else { return false }
            state.failuresLeft -= 1
            return true
        }
        if fails { throw Failure() }
    }
}
