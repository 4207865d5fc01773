import Logging
import SidecertReload
import Testing

/// Coalescing, retries and reporting, with a fake reloader and small fixed timings.
struct DebouncedReloaderTests {
    private func version(_ number: Int) -> ReloadedCertificate {
        ReloadedCertificate(name: "x", liveDirectory: "/v/live/x", version: "v\(number)")
    }

    private let logger = Logger(label: "test.reload")

    @Test(.timeLimit(.minutes(1)))
    func aBurstOfRequestsBecomesOneReloadOfTheNewest() async {
        let fake = FakeReloader()
        let debounced = DebouncedReloader(fake, window: .milliseconds(100), retryDelays: [], logger: logger)
        for number in 1...5 {
            await debounced.request(version(number))
        }
        await debounced.waitUntilIdle()
        #expect(fake.attempts == [version(5)])
        let statistics = await debounced.statistics
        #expect(statistics.requested == 5)
        #expect(statistics.succeeded == 1)
        #expect(statistics.failedAttempts == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func requestsFarApartAreEachReloaded() async {
        let fake = FakeReloader()
        let debounced = DebouncedReloader(fake, window: .milliseconds(20), retryDelays: [], logger: logger)
        await debounced.request(version(1))
        await debounced.waitUntilIdle()
        await debounced.request(version(2))
        await debounced.waitUntilIdle()
        #expect(fake.attempts == [version(1), version(2)])
        #expect(await debounced.statistics.succeeded == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFailedReloadIsRetriedUntilItSucceeds() async {
        let fake = FakeReloader(failures: 2)
        let debounced = DebouncedReloader(
            fake, window: .milliseconds(10), retryDelays: [.milliseconds(10), .milliseconds(20), .milliseconds(40)], logger: logger)
        await debounced.request(version(1))
        await debounced.waitUntilIdle()
        #expect(fake.attempts == [version(1), version(1), version(1)])
        let statistics = await debounced.statistics
        #expect(statistics.failedAttempts == 2)
        #expect(statistics.succeeded == 1)
        #expect(statistics.abandoned == 0)
        #expect(statistics.lastFailure == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func aReloadThatKeepsFailingIsGivenUpAndReported() async {
        let fake = FakeReloader(failures: 100)
        let debounced = DebouncedReloader(fake, window: .milliseconds(10), retryDelays: [.milliseconds(5), .milliseconds(5)], logger: logger)
        await debounced.request(version(1))
        await debounced.waitUntilIdle()
        #expect(fake.attempts.count == 3)
        let statistics = await debounced.statistics
        #expect(statistics.failedAttempts == 3)
        #expect(statistics.abandoned == 1)
        #expect(statistics.succeeded == 0)
        #expect(statistics.lastFailure == "fake reload failure")
    }

    @Test(.timeLimit(.minutes(1)))
    func aNewerVersionReplacesThePendingRetry() async throws {
        let fake = FakeReloader(failures: 1)
        let debounced = DebouncedReloader(fake, window: .milliseconds(10), retryDelays: [.milliseconds(300)], logger: logger)
        await debounced.request(version(1))
        // Wait for the first (failing) attempt, then ask for a newer version during the retry's wait.
        for _ in 0..<500 where fake.attempts.isEmpty {
            try await Task.sleep(for: .milliseconds(2))
        }
        await debounced.request(version(2))
        await debounced.waitUntilIdle()
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
}
