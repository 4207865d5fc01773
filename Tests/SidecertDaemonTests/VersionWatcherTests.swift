import Logging
import SidecertReload
import SidecertTestSupport
import SidecertVolume
import Synchronization
import Testing

@testable import SidecertDaemon

/// The watcher follows several certificates on a real volume: the versions that changed in one tick are
/// one request, and so one batch for the frontend. Both clocks are moved by hand.
struct VersionWatcherTests {
    private let logger = Logger(label: "test.watcher")

    @Test(.timeLimit(.minutes(1)))
    func theVersionsThatChangedInOneTickAreOneBatch() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let a = LiveCertificateVersions(volume: volume, name: "a")
        let b = LiveCertificateVersions(volume: volume, name: "b")
        let c = LiveCertificateVersions(volume: volume, name: "c")
        let a1 = try a.publish(version: "a1").certificate
        let b1 = try b.publish(version: "b1").certificate

        let watcherClock = ManualClock()
        let reloaderClock = ManualClock()
        let fake = FakeReloader()
        let reloader = DebouncedReloader(fake, window: .seconds(1), retryDelays: [], clock: reloaderClock, logger: logger)
        let told = Mutex<[[String]]>([])
        let watcher = VersionWatcher(
            layout: VolumeLayout(root: volume.path), names: ["a", "b", "c"], interval: .seconds(5), reloader: reloader,
            onChange: { changed in told.withLock { $0.append(changed) } }, logger: logger, pokes: WakeUpCall(clock: watcherClock))

        var a2: ReloadedCertificate?
        var c1: ReloadedCertificate?
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await reloader.run() }
            group.addTask { await watcher.run() }
            // First tick: a and b are live (c is not yet), and reloaded together.
            await reloaderClock.waitForSleepers(1)
            reloaderClock.advance(by: .seconds(1))
            await reloader.waitUntilIdle()

            // Between two ticks a is renewed and c appears; b stays.
            await watcherClock.waitForSleepers(1)
            a2 = try a.publish(version: "a2").certificate
            c1 = try c.publish(version: "c1").certificate
            watcherClock.advance(by: .seconds(5))
            await reloaderClock.waitForSleepers(1)
            reloaderClock.advance(by: .seconds(1))
            await reloader.waitUntilIdle()

            // A tick with no change asks for nothing.
            await watcherClock.waitForSleepers(1)
            watcherClock.advance(by: .seconds(5))
            await watcherClock.waitForSleepers(1)
            group.cancelAll()
        }
        let expected = [[a1, b1], [try #require(a2), try #require(c1)]]
        #expect(fake.batches == expected)
        #expect(told.withLock { $0 } == expected.map { $0.map(\.name) })
        #expect(await reloader.statistics.requested == 4)
    }
}
