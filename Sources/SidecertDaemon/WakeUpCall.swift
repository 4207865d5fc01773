import Synchronization

/// A sleep that someone else can cut short: the renewal loop sleeps until its next due moment, and a
/// SIGHUP or a new version on the volume wakes it at once.
///
/// One sleeper at a time. The timer is a child task of ``sleep(for:)``, so nothing outlives a sleep; the
/// state is behind a lock rather than in an actor so that ``ring()`` and the cancellation handler can wake
/// the sleeper synchronously, without starting a task to reach an actor.
final class WakeUpCall: Sendable {
    private struct State {
        var sleeper: (id: Int, continuation: CheckedContinuation<Void, Never>)?
        var rungWhileAwake = false
        var nextID = 0
    }

    private let state = Mutex(State())
    private let clock: any Clock<Duration>

    /// - Parameter clock: what ``sleep(for:)`` measures; tests pass one they advance by hand.
    init(clock: any Clock<Duration> = ContinuousClock()) {
        self.clock = clock
    }

    /// Wakes the current sleeper; with none, the next ``sleep(for:)`` returns at once.
    func ring() {
        let sleeper = state.withLock { state in
            guard let sleeper = state.sleeper else {
                state.rungWhileAwake = true
                return CheckedContinuation<Void, Never>?.none
            }
            state.sleeper = nil
            return sleeper.continuation
        }
        sleeper?.resume()
    }

    /// Sleeps for `duration`, until ``ring()``, or until the task is cancelled.
    func sleep(for duration: Duration) async {
        let rung = state.withLock { state in
            defer { state.rungWhileAwake = false }
            return state.rungWhileAwake
        }
        guard !rung, !Task.isCancelled else { return }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        let clock = self.clock
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(for: duration) }
            group.addTask { await self.waitForRing(id: id) }
            // Whichever ends first (the timer, a ring, cancellation) ends the sleep: the other is cancelled.
            await group.next()
            group.cancelAll()
        }
    }

    /// Returns at a ring, or when the task is cancelled.
    private func waitForRing(id: Int) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    // Rung between the check in `sleep(for:)` and now: that ring is for this sleep.
                    if state.rungWhileAwake {
                        state.rungWhileAwake = false
                        return true
                    }
                    if Task.isCancelled { return true }
                    state.sleeper = (id, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { state in
                guard let sleeper = state.sleeper, sleeper.id == id else { return CheckedContinuation<Void, Never>?.none }
                state.sleeper = nil
                return sleeper.continuation
            }
            sleeper?.resume()
        }
    }
}
