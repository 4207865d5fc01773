/// A sleep that someone else can cut short: the renewal loop sleeps until its next due moment, and a
/// SIGHUP or a new version on the volume wakes it at once.
actor WakeUpCall {
    private var sleeper: CheckedContinuation<Void, Never>?
    private var rungWhileAwake = false
    private var generation = 0

    /// Wakes the current sleeper; with none, the next ``sleep(for:)`` returns at once.
    func ring() {
        guard let sleeper else {
            rungWhileAwake = true
            return
        }
        self.sleeper = nil
        sleeper.resume()
    }

    /// Sleeps for `duration`, until ``ring()``, or until the task is cancelled.
    func sleep(for duration: Duration) async {
        if rungWhileAwake || Task.isCancelled {
            rungWhileAwake = false
            return
        }
        generation += 1
        let current = generation
        let timer = Task {
            try? await Task.sleep(for: duration)
            self.timerFired(generation: current)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { sleeper = $0 }
        } onCancel: {
            Task { await self.ring() }
        }
        timer.cancel()
    }

    private func timerFired(generation fired: Int) {
        guard fired == generation, let sleeper else { return }
        self.sleeper = nil
        sleeper.resume()
    }
}
