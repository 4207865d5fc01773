import Logging
import SidecertReload
import SidecertTestSupport
import Synchronization
import Testing

/// Coalescing, retries and reporting, with a fake reloader and a clock moved by hand: no test sleeps, and
/// none depends on how busy the machine is.
struct DebouncedReloaderTests {
    private func version(_ number: Int, of name: String = "x") -> ReloadedCertificate {
        ReloadedCertificate(name: name, liveDirectory: "/v/live/\(name)", version: "v\(number)")
    }

    private let logger = Logger(label: "test.reload")

    /// Runs `debounced` for the time of `body`, as its owner's task group does.
    private func running(_ debounced: DebouncedReloader, _ body: () async throws -> Void) async rethrows {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await debounced.run() }
            try await body()
            group.cancelAll()
        }
    }

    /// Waits until the debouncer sleeps (its window or a retry delay), then lets that wait run out.
    private func elapse(_ duration: Duration, on clock: ManualClock) async {
        await clock.waitForSleepers(1)
        clock.advance(by: duration)
    }

    @Test(.timeLimit(.minutes(1)))
    func aBurstOfRequestsBecomesOneReloadOfTheNewest() async {
        let clock = ManualClock()
        let fake = FakeReloader()
        let debounced = DebouncedReloader(fake, window: .milliseconds(100), retryDelays: [], clock: clock, logger: logger)
        await running(debounced) {
            for number in 1...5 {
                await debounced.request(version(number))
            }
            await elapse(.milliseconds(100), on: clock)
            await debounced.waitUntilIdle()
        }
        #expect(fake.attempts == [version(5)])
        let statistics = await debounced.statistics
        #expect(statistics.requested == 5)
        #expect(statistics.succeeded == 1)
        #expect(statistics.failedAttempts == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func requestsFarApartAreEachReloaded() async {
        let clock = ManualClock()
        let fake = FakeReloader()
        let debounced = DebouncedReloader(fake, window: .milliseconds(20), retryDelays: [], clock: clock, logger: logger)
        await running(debounced) {
            await debounced.request(version(1))
            await elapse(.milliseconds(20), on: clock)
            await debounced.waitUntilIdle()
            await debounced.request(version(2))
            await elapse(.milliseconds(20), on: clock)
            await debounced.waitUntilIdle()
        }
        #expect(fake.attempts == [version(1), version(2)])
        #expect(await debounced.statistics.succeeded == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFailedReloadIsRetriedUntilItSucceeds() async {
        let clock = ManualClock()
        let fake = FakeReloader(failures: 2)
        let debounced = DebouncedReloader(
            fake, window: .milliseconds(10), retryDelays: [.milliseconds(10), .milliseconds(20), .milliseconds(40)], clock: clock, logger: logger)
        await running(debounced) {
            await debounced.request(version(1))
            await elapse(.milliseconds(10), on: clock)
            await elapse(.milliseconds(10), on: clock)
            await elapse(.milliseconds(20), on: clock)
            await debounced.waitUntilIdle()
        }
        #expect(fake.attempts == [version(1), version(1), version(1)])
        let statistics = await debounced.statistics
        #expect(statistics.failedAttempts == 2)
        #expect(statistics.succeeded == 1)
        #expect(statistics.abandoned == 0)
        #expect(statistics.lastFailure == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func aReloadThatKeepsFailingIsGivenUpAndReported() async {
        let clock = ManualClock()
        let fake = FakeReloader(failures: 100)
        let debounced = DebouncedReloader(
            fake, window: .milliseconds(10), retryDelays: [.milliseconds(5), .milliseconds(5)], clock: clock, logger: logger)
        await running(debounced) {
            await debounced.request(version(1))
            await elapse(.milliseconds(10), on: clock)
            await elapse(.milliseconds(5), on: clock)
            await elapse(.milliseconds(5), on: clock)
            await debounced.waitUntilIdle()
        }
        #expect(fake.attempts.count == 3)
        let statistics = await debounced.statistics
        #expect(statistics.failedAttempts == 3)
        #expect(statistics.abandoned == 1)
        #expect(statistics.succeeded == 0)
        #expect(statistics.lastFailure == "fake reload failure")
    }

    @Test(.timeLimit(.minutes(1)))
    func aNewerVersionReplacesThePendingRetry() async {
        let clock = ManualClock()
        let fake = FakeReloader(failures: 1)
        let debounced = DebouncedReloader(fake, window: .milliseconds(10), retryDelays: [.milliseconds(300)], clock: clock, logger: logger)
        await running(debounced) {
            await debounced.request(version(1))
            await elapse(.milliseconds(10), on: clock)
            // The first attempt failed: the retry waits. Ask for a newer version meanwhile.
            await clock.waitForSleepers(1)
            await debounced.request(version(2))
            clock.advance(by: .milliseconds(300))
            await debounced.waitUntilIdle()
        }
        #expect(fake.attempts == [version(1), version(2)])
        let statistics = await debounced.statistics
        #expect(statistics.succeeded == 1)
        #expect(statistics.abandoned == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func waitingWhenIdleReturnsAtOnce() async {
        let debounced = DebouncedReloader(FakeReloader(), logger: logger)
        await debounced.waitUntilIdle()
        #expect(await debounced.statistics == ReloadStatistics())
    }

    // MARK: - Keyed by certificate

    @Test(.timeLimit(.minutes(1)))
    func aBurstOfThreeCertificatesIsOneBatchWithAllThree() async {
        let clock = ManualClock()
        let fake = FakeReloader()
        let debounced = DebouncedReloader(fake, window: .seconds(1), retryDelays: [], clock: clock, logger: logger)
        await running(debounced) {
            await debounced.request(version(1, of: "c"))
            await debounced.request([version(1, of: "a"), version(1, of: "b")])
            await elapse(.seconds(1), on: clock)
            await debounced.waitUntilIdle()
        }
        // One batch, every certificate in it, in name order.
        #expect(fake.batches == [[version(1, of: "a"), version(1, of: "b"), version(1, of: "c")]])
        let statistics = await debounced.statistics
        #expect(statistics.requested == 3)
        #expect(statistics.succeeded == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func aNewerVersionOfOneNameReplacesItsOlderOneInThePendingBatch() async {
        let clock = ManualClock()
        let fake = FakeReloader()
        let debounced = DebouncedReloader(fake, window: .seconds(1), retryDelays: [], clock: clock, logger: logger)
        await running(debounced) {
            await debounced.request(version(1, of: "a"))
            await debounced.request(version(1, of: "b"))
            await debounced.request(version(2, of: "a"))
            await elapse(.seconds(1), on: clock)
            await debounced.waitUntilIdle()
        }
        #expect(fake.batches == [[version(2, of: "a"), version(1, of: "b")]])
    }

    @Test(.timeLimit(.minutes(1)))
    func aFailedBatchIsRetriedMergedWithWhatArrivedMeanwhile() async {
        let clock = ManualClock()
        let fake = FakeReloader(failures: 1)
        let debounced = DebouncedReloader(fake, window: .seconds(1), retryDelays: [.seconds(5)], clock: clock, logger: logger)
        await running(debounced) {
            await debounced.request([version(1, of: "a"), version(1, of: "b")])
            await elapse(.seconds(1), on: clock)
            // The batch failed; while its retry waits, c appears and a gets a newer version.
            await clock.waitForSleepers(1)
            await debounced.request([version(1, of: "c"), version(2, of: "a")])
            clock.advance(by: .seconds(5))
            await debounced.waitUntilIdle()
        }
        #expect(
            fake.batches == [
                [version(1, of: "a"), version(1, of: "b")],
                [version(2, of: "a"), version(1, of: "b"), version(1, of: "c")],
            ])
        let statistics = await debounced.statistics
        #expect(statistics.failedAttempts == 1)
        #expect(statistics.succeeded == 1)
        #expect(statistics.abandoned == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func aBatchThatKeepsFailingIsGivenUpOnceWithEveryCertificate() async {
        let clock = ManualClock()
        let fake = FakeReloader(failures: 100)
        let givenUp = Mutex<[([ReloadedCertificate], String)]>([])
        let debounced = DebouncedReloader(
            fake, window: .seconds(1), retryDelays: [.seconds(1), .seconds(5)], clock: clock, logger: logger
        ) { certificates, error in
            givenUp.withLock { $0.append((certificates, error)) }
        }
        let batch = [version(1, of: "a"), version(1, of: "b"), version(1, of: "c")]
        await running(debounced) {
            await debounced.request(batch)
            await elapse(.seconds(1), on: clock)
            await elapse(.seconds(1), on: clock)
            await elapse(.seconds(5), on: clock)
            await debounced.waitUntilIdle()
        }
        #expect(fake.batches == [batch, batch, batch])
        let reports = givenUp.withLock { $0 }
        #expect(reports.count == 1)
        #expect(reports.first?.0 == batch)
        #expect(reports.first?.1 == "fake reload failure")
        let statistics = await debounced.statistics
        #expect(statistics.failedAttempts == 3)
        #expect(statistics.abandoned == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func nothingIsReloadedOnceTheOwnerStopsIt() async {
        let clock = ManualClock()
        let fake = FakeReloader()
        let debounced = DebouncedReloader(fake, window: .seconds(1), retryDelays: [], clock: clock, logger: logger)
        await running(debounced) {
            await debounced.request(version(1))
            await clock.waitForSleepers(1)
        }
        // The window's wait was cancelled with the owner's task group: idle, nothing reloaded.
        await debounced.waitUntilIdle()
        #expect(fake.batches.isEmpty)
        #expect(clock.sleeperCount == 0)
        // A request after the end is dropped: waiting for it does not hang.
        await debounced.request(version(2))
        await debounced.waitUntilIdle()
        #expect(fake.batches.isEmpty)
        #expect(await debounced.statistics.requested == 1)
    }
}
