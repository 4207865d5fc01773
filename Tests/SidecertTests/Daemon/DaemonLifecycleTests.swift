import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

/// `run`'s life: SIGTERM, the placeholder, readiness and metrics, telling the operator. These use the
/// embedded local CA (names under `.localhost`), so they need no ACME server.
@Suite(.tags(.realPeers))
struct DaemonLifecycleTests {
    @Test(
        "SIGTERM while holding the lease mid-issuance: exit 0 within a pod's grace period (not after the 60 s pause), the lease free at once",
        .timeLimit(.minutes(2)))
    func sigtermReleasesTheLease() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        let run = try SidecertProcess.start(
            ["run", "--storage", volume.path, "--domain", "term.localhost"], environment: ["SIDECERT_TEST_PAUSE_BEFORE_PUBLISH": "60s"])
        defer { run.stop() }
        try await run.waitForOutput(containing: "pausing before publishing")
        #expect(LeaseFile.inspect(layout: layout, name: "term.localhost")?.releasedAt == nil, "the daemon holds the lease")

        let clock = ContinuousClock()
        let start = clock.now
        run.kill()
        // Kubernetes sends SIGKILL 30 s after SIGTERM by default; a busy machine may take seconds to schedule the exit.
        let result = try await run.wait(timeout: .seconds(25))
        #expect(result.status == 0, "exit status \(result.status):\n\(result.stderr)")
        #expect(start.duration(to: clock.now) < .seconds(25))
        #expect(LeaseFile.inspect(layout: layout, name: "term.localhost")?.releasedAt != nil, "the lease was released on the way out")

        // Another replica gets it at once, not after the default 60 s lease.
        let successor = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--domain", "term.localhost", "--wait", "10s"], timeout: .seconds(30))
        #expect(successor.status == 0, "\(successor.stderr)")
    }

    @Test(
        "--bootstrap-self-signed: a placeholder first, /readyz 503 until the real certificate, then 200; /metrics is Prometheus text",
        .timeLimit(.minutes(2)))
    func placeholderReadinessAndMetrics() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        let name = "ready.localhost"
        let admin = try FreePort.allocate(1)[0]
        // Held before publishing until the checks of the placeholder are done: a fixed pause ran out first on a
        // busy machine, and the real certificate was there before `status --check` looked.
        let release = volume.path + ".release"
        defer { try? FileManager.default.removeItem(atPath: release) }
        let run = try SidecertProcess.start(
            ["run", "--storage", volume.path, "--domain", name, "--bootstrap-self-signed", "--admin-listen", "127.0.0.1:\(admin)"],
            environment: ["SIDECERT_TEST_FAULT": "certificate-downloaded:hold=\(release)"])
        defer { run.stop() }
        try await run.waitForOutput(containing: "holding at certificate-downloaded")

        let placeholder = try #require(try InstalledCertificate.load(layout: layout, name: name), "the placeholder is live")
        #expect(placeholder.isPlaceholder)
        #expect(placeholder.notAfter.timeIntervalSince(placeholder.notBefore) <= 86_400 + 300, "short-lived")
        #expect(try await Curl.get("http://127.0.0.1:\(admin)/healthz").status == 200)
        let notReady = try await Curl.get("http://127.0.0.1:\(admin)/readyz")
        #expect(notReady.status == 503)
        #expect(notReady.body.contains("placeholder"), "\(notReady.body)")
        let ensureMeanwhile = try await SidecertProcess.run(
            ["status", "--storage", volume.path, "--check"], timeout: .seconds(30))
        #expect(ensureMeanwhile.status == 1, "status --check never counts a placeholder: \(ensureMeanwhile.stdout)")
        FileManager.default.createFile(atPath: release, contents: nil)

        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        var ready = notReady
        while ready.status != 200, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            ready = try await Curl.get("http://127.0.0.1:\(admin)/readyz")
        }
        #expect(ready.status == 200, "\(ready.body)\n\(run.stderrSoFar)")
        let real = try #require(try InstalledCertificate.load(layout: layout, name: name))
        #expect(!real.isPlaceholder)

        // The live link turns /readyz 200 as soon as it is swapped; the next renewal is planned once the ledger
        // has recorded the issuance and the loop decided again (fsyncs that a loaded machine may slow down).
        try await run.waitForOutput(containing: "next check")
        let metrics = try await Curl.get("http://127.0.0.1:\(admin)/metrics")
        #expect(metrics.status == 200)
        let samples = try PrometheusText.parse(metrics.body)
        #expect(samples["sidecert_certificate_not_after_timestamp_seconds", ["cert": name]] == real.notAfter.timeIntervalSince1970.rounded(.down))
        #expect(samples["sidecert_issuance_attempts_total", ["cert": name]] == 1)
        let untilRenewal = try #require(samples["sidecert_renewal_seconds", ["cert": name]])
        #expect(untilRenewal > 0 && untilRenewal < real.notAfter.timeIntervalSinceNow, "\(untilRenewal)\n\(run.stderrSoFar)")
        #expect(try await Curl.get("http://127.0.0.1:\(admin)/nothing-here").status == 404)
        try await run.terminate()
    }

    @Test("--notify-command hears about each issuance and each failure, with the details in its environment", .timeLimit(.minutes(2)))
    func notifyCommand() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let log = volume.path("notifications")
        let notify = "{ echo \"$SIDECERT_EVENT|$SIDECERT_CERT_NAME|$SIDECERT_SERIAL|$SIDECERT_MESSAGE\"; } >> '\(log)'"
        let issued = try SidecertProcess.start(["run", "--storage", volume.path, "--domain", "notify.localhost", "--notify-command", notify])
        defer { issued.stop() }
        try await issued.waitForOutput(containing: "notice issued")
        try await waitForFile(log)
        let installed = try #require(try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "notify.localhost"))
        let line = try String(contentsOfFile: log, encoding: .utf8)
        #expect(line.hasPrefix("renewed|notify.localhost|\(installed.serialHex)|"), "\(line)")
        try await issued.terminate()

        // A CA that is down: the failure is reported, and the daemon stays up to try again.
        let failures = volume.path("failures")
        let failing = try SidecertProcess.start([
            "run", "--storage", volume.path, "--domain", "down.example", "--directory", "https://127.0.0.1:9/directory", "--agree-tos",
            "--notify-command", "echo \"$SIDECERT_EVENT|$SIDECERT_NEXT_ATTEMPT\" >> '\(failures)'",
        ])
        defer { failing.stop() }
        try await waitForFile(failures)
        let failure = try String(contentsOfFile: failures, encoding: .utf8)
        #expect(failure.hasPrefix("issuance-failed|20"), "the next attempt's time is given: \(failure)")
        #expect(!failing.hasExited, "a failed issuance does not stop the daemon")
        try await failing.terminate()
    }

    /// Waits for the first complete line in `path`: the shell creates the file before `echo` writes to it.
    private func waitForFile(_ path: String) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        func hasALine() -> Bool { (try? String(contentsOfFile: path, encoding: .utf8))?.contains("\n") == true }
        while !hasALine(), clock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(hasALine(), "\(path) never got a line")
    }
}
