import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertReload

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a signal reload says when the pidfile does not lead to a running frontend.
struct SignalReloaderTests {
    private let certificate = ReloadedCertificate(name: "x", liveDirectory: "/nonexistent/live/x", version: "v1")

    @Test
    func aMissingPIDFileSaysWhichFileAndWhatToCheck() async throws {
        let folder = try TemporaryDirectory.make(prefix: "sidecert-reload")
        defer { TemporaryDirectory.remove(folder) }
        let reloader = SignalReloader(signal: .hangup, pidFile: folder + "/nginx.pid")
        let error = await #expect(throws: ReloadError.self) { try await reloader.reload(certificate: certificate) }
        #expect(error?.code == .invalidPIDFile)
        #expect(error?.message.contains(folder + "/nginx.pid") == true)
        #expect(reloader.description == "SIGHUP to the process in \(folder)/nginx.pid")
    }

    @Test(.timeLimit(.minutes(1)))
    func aStalePIDFileIsReportedAsAFrontendThatIsDown() async throws {
        let folder = try TemporaryDirectory.make(prefix: "sidecert-reload")
        defer { TemporaryDirectory.remove(folder) }
        // A process that has ended and been reaped: its pid names nothing now.
        let ended = try ChildProcess("/bin/sh", ["-c", "exit 0"], environment: [:])
        _ = await ended.waitForExit()
        try "\(ended.pid)\n".write(toFile: folder + "/stale.pid", atomically: true, encoding: .utf8)
        let reloader = SignalReloader(signal: .hangup, pidFile: folder + "/stale.pid")
        let error = await #expect(throws: ReloadError.self) { try await reloader.reload(certificate: certificate) }
        #expect(error?.code == .processNotRunning)
        #expect(error?.message.contains("\(ended.pid)") == true)
    }

    @Test(.timeLimit(.minutes(1)))
    func sendsTheSignalToTheProcessInThePIDFile() async throws {
        let folder = try TemporaryDirectory.make(prefix: "sidecert-reload")
        defer { TemporaryDirectory.remove(folder) }
        // A shell that records SIGUSR2 and exits: the signal arrived at the pidfile's process.
        let marker = folder + "/got-usr2"
        let child = try ChildProcess(
            "/bin/sh",
            ["-c", "trap 'echo yes > \(marker); exit 0' USR2; echo $$ > \(folder)/child.pid; while :; do sleep 0.05; done"],
            environment: ["PATH": "/usr/bin:/bin"]
        )
        defer { child.terminate() }
        // The shell creates the file before it writes the pid: wait for the whole line.
        for _ in 0..<200 where !((try? String(contentsOfFile: folder + "/child.pid", encoding: .utf8))?.hasSuffix("\n") ?? false) {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await SignalReloader(signal: .user2, pidFile: folder + "/child.pid").reload(certificate: certificate)
        // Bounded: without the signal the child would loop until killed here.
        let ended = try await child.result(timeout: .seconds(10))
        #expect(ended.status == 0 && !ended.terminatedBySignal)
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "yes\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func aBatchOfCertificatesIsOneSignal() async throws {
        let folder = try TemporaryDirectory.make(prefix: "sidecert-reload")
        defer { TemporaryDirectory.remove(folder) }
        // Reload signals are merged by the kernel while pending, so they cannot be counted; a real-time
        // signal is queued once per kill(). The child waits for them with sigwaitinfo and, once the test's
        // end marker (the next real-time signal, always taken after the lower-numbered ones) arrives,
        // prints how many reload signals it got.
        let script = """
            import os, signal, sys
            reload, end = signal.SIGRTMIN, signal.SIGRTMIN + 1
            signal.pthread_sigmask(signal.SIG_BLOCK, {reload, end})
            with open(sys.argv[1] + ".tmp", "w") as f:
                f.write(f"{os.getpid()}\\n")
            with open(sys.argv[2], "w") as f:
                f.write(f"{int(reload)}")
            os.rename(sys.argv[1] + ".tmp", sys.argv[1])
            count = 0
            while signal.sigwaitinfo({reload, end}).si_signo == reload:
                count += 1
            print(count)
            """
        let pidFile = folder + "/counter.pid"
        let numberFile = folder + "/signal-number"
        let child = try ChildProcess("python3", ["-c", script, pidFile, numberFile], environment: ProcessInfo.processInfo.environment)
        defer { child.terminate() }
        for _ in 0..<1_000 where !FileManager.default.fileExists(atPath: pidFile) {
            try await Task.sleep(for: .milliseconds(10))
        }
        let number = try #require(Int32(try String(contentsOfFile: numberFile, encoding: .utf8)))
        let batch = ["a", "b", "c"].map { ReloadedCertificate(name: $0, liveDirectory: "/nonexistent/live/\($0)", version: "v1") }

        try await SignalReloader(signal: ReloadSignal(name: "RTMIN", number: number), pidFile: pidFile).reload(batch)
        // kill() has queued every signal by the time reload returns: the end marker comes after them.
        #expect(kill(child.pid, number + 1) == 0)
        let ended = try await child.result(timeout: .seconds(20))
        #expect(ended.status == 0 && !ended.terminatedBySignal, "\(ended.transcript)")
        #expect(ended.stdout == "1\n", "one signal for three certificates")
    }
}
