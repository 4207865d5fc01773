import Testing

@testable import SidecertDaemon

/// The renewal loop's sleep: a ring cuts it short, a ring while awake is not lost, and a stale timer
/// cannot wake a later sleep.
struct WakeUpCallTests {
    @Test(.timeLimit(.minutes(1)))
    func aRingWakesASleeperLongBeforeItsTime() async {
        let call = WakeUpCall()
        async let slept: Void = call.sleep(for: .seconds(3_600))
        try? await Task.sleep(for: .milliseconds(50))
        await call.ring()
        await slept
    }

    @Test(.timeLimit(.minutes(1)))
    func aRingWhileAwakeMakesTheNextSleepReturnAtOnce() async {
        let call = WakeUpCall()
        await call.ring()
        await call.sleep(for: .seconds(3_600))
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellationEndsTheSleep() async {
        let call = WakeUpCall()
        let sleeper = Task { await call.sleep(for: .seconds(3_600)) }
        try? await Task.sleep(for: .milliseconds(50))
        sleeper.cancel()
        await sleeper.value
    }

    @Test(.timeLimit(.minutes(1)))
    func theTimerEndsTheSleep() async {
        let call = WakeUpCall()
        let clock = ContinuousClock()
        let start = clock.now
        await call.sleep(for: .milliseconds(100))
        #expect(start.duration(to: clock.now) >= .milliseconds(100))
    }
}
