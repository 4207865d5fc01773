import Foundation
import SidecertTestSupport
import SidecertVolume
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `run --bootstrap-self-signed` does not order before the frontend can answer (issue 12, item 1), and what
/// `run` and `status` say on the way (item 6).
@Suite("The first order waits for the frontend")
struct FrontendReadinessTests {
    @Test(
        "nginx started only after the placeholder appears: no failed validation at Pebble, the first certificate served",
        .timeLimit(.minutes(3)))
    func firstOrderWaitsForTheFrontend() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let frontend = try TemporaryVolume()
        defer { frontend.remove() }
        let name = "first.example"
        let httpsPort = try FreePort.allocate(1)[0]
        // The pid file sidecert is told about exists once nginx runs: a link to nginx's, made after it starts.
        let pidFile = frontend.path("nginx.pid")
        let run = try SidecertProcess.start(
            [
                "run", "--storage", volume.path, "--domain", name, "--bootstrap-self-signed", "--reload-pidfile", pidFile,
                "--http-probe", "http://127.0.0.1:\(pebble.httpPort)",
            ] + pebble.sidecertFlags())
        defer { run.stop() }
        try await run.waitForOutput(containing: "published a self-signed placeholder")
        try await run.waitForOutput(containing: "waiting for the frontend before ordering")

        let status = try await SidecertProcess.run(["status", "--storage", volume.path], timeout: .seconds(30))
        #expect(status.stdout.contains("\(name): NOT usable (placeholder)"), "\(status.stdout)")
        #expect(!status.stdout.contains("renewal due"), "a placeholder has no renewal time: \(status.stdout)")

        // The CA is not asked while nothing could answer it.
        try await Task.sleep(for: .seconds(3))
        #expect(pebble.orderCount() == 0, "ordered before the frontend was up:\n\(run.stderrSoFar)")

        let nginx = try await NginxFrontend.start(volume: volume.path, httpPort: pebble.httpPort, httpsPort: httpsPort, certName: name)
        defer { nginx.stop() }
        #expect(symlink(nginx.pidFilePath, pidFile) == 0)
        try await run.waitForOutput(containing: "the frontend is ready; ordering", timeout: .seconds(60))
        try await run.waitForOutput(containing: "notice issued", timeout: .seconds(60))

        #expect(pebble.orderCount() == 1)
        #expect(pebble.failedValidationCount() == 0, "\(pebble.logTail())")
        let layout = VolumeLayout(root: volume.path)
        let real = try #require(try InstalledCertificate.load(layout: layout, name: name))
        #expect(!real.isPlaceholder)
        let published = try String(contentsOfFile: volume.path("live/\(name)/cert.pem"), encoding: .utf8)
        var served = ""
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while clock.now < deadline {
            served = (try? await ServedCertificate.pem(port: httpsPort, serverName: name)) ?? ""
            if served == published { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(served == published, "nginx serves the first real certificate after the reload:\n\(run.stderrSoFar)")

        // SIGHUP says what it decided.
        run.kill(SIGHUP)
        try await run.waitForOutput(containing: "SIGHUP: nothing to do now; next check")
        try await run.terminate()
    }

    @Test("without a frontend the wait is bounded and says what it did not see", .timeLimit(.minutes(2)))
    func probeNamesWhatIsMissing() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let port = try FreePort.allocate(1)[0]
        let run = try SidecertProcess.start(
            [
                "run", "--storage", volume.path, "--domain", "probe.example", "--directory", "https://127.0.0.1:9/dir", "--agree-tos",
                "--http-probe", "http://127.0.0.1:\(port)", "--frontend-wait", "2s",
            ])
        defer { run.stop() }
        try await run.waitForOutput(containing: "waiting for the frontend before ordering")
        try await run.waitForOutput(containing: "the frontend did not get ready in time; ordering anyway")
        #expect(run.stderrSoFar.contains("http://127.0.0.1:\(port)/.well-known/acme-challenge/"), "\(run.stderrSoFar)")
        try await run.terminate()
    }
}
