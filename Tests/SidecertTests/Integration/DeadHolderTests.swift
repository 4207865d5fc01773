import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

#if canImport(Glibc)
    import Glibc
#endif

/// A lease holder whose process is gone, on this host and in this PID namespace, is taken over at once,
/// not after its lease period (60 s by default): shown with real `sidecert ensure` processes.
@Suite("A lease holder that is gone is noticed at once", .serialized)
struct DeadHolderTests {
    @Test("a holder SIGKILLed mid-order on this host is taken over at once, with the reason logged", .requiresPebble, .requiresNginx)
    func killedHolderIsTakenOverAtOnce() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let layout = VolumeLayout(root: scenario.volume.path)
        // The default lease period (60 s); a successor that waited for it would run out of --wait first.
        let arguments = scenario.ensureArguments(["gone.example"], extra: ["--wait", "20s"])

        let holder = try SidecertProcess.start(arguments, environment: ["SIDECERT_TEST_FAULT": "order-created:kill"])
        let killed = try await holder.wait(timeout: .seconds(60))
        #expect(killed.status == 128 + SIGKILL, "the holder must die at the fault: \(killed.stderr)")
        let left = try #require(LeaseFile.inspect(layout: layout, name: "gone.example"), "the dead holder's lease is left behind")
        #expect(left.releasedAt == nil && left.process?.pid == holder.pid)

        let clock = ContinuousClock()
        let start = clock.now
        let successor = try SidecertProcess.start(arguments)
        try await successor.waitForOutput(containing: "took over the lease", timeout: .seconds(30))
        let takeover = start.duration(to: clock.now)
        let result = try await successor.wait(timeout: .seconds(60))
        #expect(result.status == 0, "the successor failed: \(result.stderr)")
        #expect(result.stderr.contains("its process \(holder.pid) on this host has ended"), "the log says why: \(result.stderr)")
        #expect(scenario.pebble.orderCount() == 2, "the dead holder's order and the successor's")
        #expect(try InstalledCertificate.load(layout: layout, name: "gone.example") != nil)
        print("DeadHolderTests: the successor took the lease over \(takeover) after it started (lease period 60 s)")
    }

    @Test("a full volume's failed attempt leaves its lease behind; the next run on this host takes it at once once space is back")
    func fullVolumeLeavesNoWait() async throws {
        guard getuid() == 0 else { try Test.cancel("mounting a small tmpfs needs root") }
        let mountPoint = try TemporaryDirectory.make(prefix: "sidecert-full")
        defer { TemporaryDirectory.remove(mountPoint) }
        try await ChildProcess.check("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint])
        defer { _ = umount2(mountPoint, Int32(MNT_DETACH)) }
        let layout = VolumeLayout(root: mountPoint)
        // The embedded CA: no network, the lease and the volume are the whole story.
        let arguments = ["ensure", "--storage", mountPoint, "--domain", "full.localhost", "--wait", "20s"]

        // The pause outlasts filling the volume on a busy machine (3 s did not once: the holder published first).
        let holder = try SidecertProcess.start(arguments, environment: ["SIDECERT_TEST_FAULT": "certificate-downloaded:pause=15s"])
        try await holder.waitForOutput(containing: "pausing before publishing")
        let filler = "\(mountPoint)/filler"
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        while (try? handle.write(contentsOf: Data(count: 64 * 1024))) != nil {}
        try handle.close()
        let failed = try await holder.wait(timeout: .seconds(60))
        #expect(failed.status != 0, "the holder cannot publish on a full volume")
        #expect(failed.stderr.contains("full"), "the error says the volume is full: \(failed.stderr)")
        let left = try #require(LeaseFile.inspect(layout: layout, name: "full.localhost"))
        #expect(left.releasedAt == nil, "the release could not be written either")

        try FileManager.default.removeItem(atPath: filler)
        let start = ContinuousClock.now
        let next = try await SidecertProcess.run(arguments, timeout: .seconds(60))
        let took = start.duration(to: .now)
        #expect(next.status == 0, "the next run failed: \(next.stderr)")
        #expect(next.stderr.contains("its process \(holder.pid) on this host has ended"), "\(next.stderr)")
        #expect(try InstalledCertificate.load(layout: layout, name: "full.localhost") != nil)
        print("DeadHolderTests: after a full volume, the next run took \(took) (lease period 60 s)")
    }
}
