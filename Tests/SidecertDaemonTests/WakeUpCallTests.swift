import SidecertTestSupport
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
        call.ring()
        await slept
    }

    @Test(.timeLimit(.minutes(1)))
    func aRingWhileAwakeMakesTheNextSleepReturnAtOnce() async {
        let call = WakeUpCall()
        call.ring()
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

    @Test(.timeLimit(.minutes(1)))
    func nothingOfASleepOutlivesItAndOnlyItsOwnTimerEndsIt() async {
        let clock = ManualClock()
        let call = WakeUpCall(clock: clock)
        async let first: Void = call.sleep(for: .seconds(10))
        await clock.waitForSleepers(1)
        call.ring()
        await first
        #expect(clock.sleeperCount == 0, "the rung sleep's timer ended with it")

        async let second: Void = call.sleep(for: .seconds(20))
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(10))
        #expect(clock.sleeperCount == 1, "still asleep when the first sleep's deadline passes")
        clock.advance(by: .seconds(10))
        await second
    }
}
