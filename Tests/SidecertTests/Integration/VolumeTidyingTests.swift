import Foundation
import SidecertTestSupport
import SidecertVolume
import Testing

/// The certificate name does not depend on `--domain` order (issue 12, item 4), `remove` tidies a volume and
/// `status --domain` judges only the certificate for those names (item 5).
@Suite("Certificate names and tidying the volume")
struct VolumeTidyingTests {
    @Test("the same names in another order use the certificate already there, and status --domain shows only it", .timeLimit(.minutes(2)))
    func domainOrderDoesNotMatter() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let (pebble, volume) = (scenario.pebble, scenario.volume)
        let first = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--domain", "b.example", "--domain", "a.example"] + pebble.sidecertFlags(), timeout: .seconds(60))
        #expect(first.status == 0, "\(first.stderr)")
        let other = try await SidecertProcess.run(["ensure", "--storage", volume.path, "--domain", "other.localhost"], timeout: .seconds(30))
        #expect(other.status == 0, "\(other.stderr)")

        let reordered = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--domain", "a.example", "--domain", "b.example"] + pebble.sidecertFlags(), timeout: .seconds(60))
        #expect(reordered.status == 0, "\(reordered.stderr)")
        #expect(reordered.stderr.contains("using the certificate for these names under live/b.example"), "\(reordered.stderr)")
        #expect(reordered.stdout.contains("/live/b.example: serial"), "\(reordered.stdout)")
        #expect(!FileManager.default.fileExists(atPath: volume.path("live/a.example")), "nothing under the other order's name")
        #expect(pebble.orderCount() == 1, "no second order for the same names")

        let status = try await SidecertProcess.run(
            ["status", "--storage", volume.path, "--domain", "a.example", "--domain", "b.example", "--check"], timeout: .seconds(30))
        #expect(status.status == 0, "only the certificate for these names is judged: \(status.stdout)")
        #expect(status.stdout.contains("b.example: usable") && !status.stdout.contains("other.localhost"), "\(status.stdout)")
    }

    @Test("remove: a name tried once and abandoned stops failing status --check; refused while a replica issues it", .timeLimit(.minutes(2)))
    func removeAbandonedName() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let kept = try await SidecertProcess.run(["ensure", "--storage", volume.path, "--domain", "kept.localhost"], timeout: .seconds(30))
        #expect(kept.status == 0, "\(kept.stderr)")
        let abandoned = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--domain", "gone.example", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"],
            timeout: .seconds(30))
        #expect(abandoned.status == 75, "\(abandoned.stderr)")
        #expect(try await SidecertProcess.run(["status", "--storage", volume.path, "--check"]).status == 1)

        let removed = try await SidecertProcess.run(["remove", "--storage", volume.path, "gone.example"], timeout: .seconds(30))
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("removed \(volume.path)/ledger/gone.example.json"), "\(removed.stdout)")
        let check = try await SidecertProcess.run(["status", "--storage", volume.path, "--check"], timeout: .seconds(30))
        #expect(check.status == 0, "\(check.stdout)")
        #expect(!check.stdout.contains("gone.example"))

        let nothing = try await SidecertProcess.run(["remove", "--storage", volume.path, "gone.example"], timeout: .seconds(30))
        #expect(nothing.status == 2 && nothing.stderr.contains("nothing is kept under 'gone.example'"), "\(nothing.stderr)")

        // The archive stays unless asked: the live link and the ledger go; --delete-archive takes the rest.
        let keptArchive = try await SidecertProcess.run(["remove", "--storage", volume.path, "kept.localhost"], timeout: .seconds(30))
        #expect(keptArchive.status == 0 && keptArchive.stdout.contains("kept \(volume.path)/archive/kept.localhost"), "\(keptArchive.stdout)")
        #expect(FileManager.default.fileExists(atPath: volume.path("archive/kept.localhost")))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: volume.path("live/kept.localhost"))) == nil)
        let restored = try await SidecertProcess.run(["ensure", "--storage", volume.path, "--domain", "kept.localhost"], timeout: .seconds(30))
        #expect(restored.status == 0, "the archive is restored: \(restored.stderr)")
        let deleted = try await SidecertProcess.run(
            ["remove", "--storage", volume.path, "--delete-archive", "kept.localhost"], timeout: .seconds(30))
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: volume.path("archive/kept.localhost")))

        // A replica holding the lease (paused mid-issuance): refused, nothing removed.
        let run = try SidecertProcess.start(
            ["run", "--storage", volume.path, "--domain", "busy.localhost"], environment: ["SIDECERT_TEST_PAUSE_BEFORE_PUBLISH": "20s"])
        defer { run.stop() }
        try await run.waitForOutput(containing: "pausing before publishing")
        let busy = try await SidecertProcess.run(["remove", "--storage", volume.path, "busy.localhost"], timeout: .seconds(30))
        #expect(busy.status == 75, "\(busy.stderr)")
        #expect(busy.stderr.contains("'busy.localhost' is being issued"), "\(busy.stderr)")
        #expect(FileManager.default.fileExists(atPath: volume.path("leases/busy.localhost.lease")))
        #expect(FileManager.default.fileExists(atPath: volume.path("ledger/busy.localhost.json")))
    }
}
