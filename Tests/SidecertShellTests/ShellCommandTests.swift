import Foundation
import Synchronization
import Testing

@testable import SidecertShell

#if canImport(Glibc)
    import Glibc
#endif

/// `/bin/sh -c` as the reload and notify commands use it: the environment it sees, and how its end is told.
struct ShellCommandTests {
    @Test
    func addedVariablesWinAndRemovedOnesAreGone() {
        let command = ShellCommand(
            command: "true", environment: ["SIDECERT_CERT_NAMES": "a,b", "PATH": "/bin"], removedVariables: ["SIDECERT_CERT_NAME"],
            timeout: .seconds(1), outputLimit: 10)
        let environment = command.childEnvironment(inheriting: ["PATH": "/usr/bin", "SIDECERT_CERT_NAME": "stale", "HOME": "/root"])
        #expect(environment == ["PATH": "/bin", "SIDECERT_CERT_NAMES": "a,b", "HOME": "/root"])
    }

    @Test(.timeLimit(.minutes(1)))
    func theCommandSeesItsEnvironmentAndItsOutputIsKept() async throws {
        let result = try await ShellCommand(
            command: "printf '%s|%s' \"$ADDED\" \"${HOME-unset}\"; echo ' err' >&2", environment: ["ADDED": "yes"], removedVariables: ["HOME"],
            timeout: .seconds(20), outputLimit: 4096
        ).run()
        #expect(result.succeeded)
        #expect(result.output == "yes|unset err\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func anExitStatusIsReportedAsSuch() async throws {
        let result = try await ShellCommand(command: "exit 7", environment: [:], timeout: .seconds(20), outputLimit: 4096).run()
        #expect(!result.succeeded)
        #expect(result.status == 7)
        #expect(!result.signalled)
        #expect(!result.timedOut)
    }

    @Test(.timeLimit(.minutes(1)))
    func aCommandPastItsTimeoutIsKilled() async throws {
        let result = try await ShellCommand(command: "echo starting; sleep 30", environment: [:], timeout: .milliseconds(200), outputLimit: 4096)
            .run()
        #expect(result.timedOut)
        #expect(result.signalled)
        #expect(!result.succeeded)
        #expect(result.output == "starting\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellationKillsTheCommand() async throws {
        let running = Task {
            try await ShellCommand(command: "sleep 30", environment: [:], timeout: .seconds(60), outputLimit: 4096).run()
        }
        running.cancel()
        let result = try await running.value
        #expect(!result.succeeded)
        #expect(!result.timedOut)
    }

    @Test(.timeLimit(.minutes(1)))
    func aGrandchildHoldingTheOutputOpenCostsTheOutputNotTheWait() async throws {
        // The shell ends at once; the sleep it left behind holds the output pipe for 10 minutes.
        let directory = "/tmp/sidecert-shell-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try #require(mkdir(directory, 0o700) == 0)
        defer { rmdir(directory) }
        let pidFile = "\(directory)/sleep.pid"
        defer { unlink(pidFile) }
        let result = try await ShellCommand(
            command: "sleep 600 & echo $! > '\(pidFile)'; echo started", environment: [:], timeout: .seconds(30), outputLimit: 4096
        ).run()
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = Int32(text.filter(\.isNumber)) {
            kill(pid, SIGKILL)
        }
        #expect(result.status == 0 && !result.timedOut)
        #expect(result.output == "(output not available: something the command started still holds it open)")
    }

    @Test(.timeLimit(.minutes(1)))
    func theCommandInheritsNoDescriptorButTheStandardOnes() async throws {
        // Open without close-on-exec, as a listening socket or the lease file might be.
        let descriptor = open("/dev/null", O_RDONLY)
        defer { close(descriptor) }
        try #require(descriptor > 2)
        let result = try await ShellCommand(command: "ls /proc/$$/fd", environment: [:], timeout: .seconds(20), outputLimit: 4096).run()
        #expect(result.output == "0\n1\n2\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func descriptorsOpenedWhileTheCommandStartsStayOutOfIt() async throws {
        // Another thread keeps opening descriptors without close-on-exec while commands start: none may be
        // inherited, however the spawn and the opening interleave.
        let stop = Atomic(false)
        let opener = Thread {
            while !stop.load(ordering: .relaxed) {
                let descriptor = open("/dev/null", O_RDONLY)
                if descriptor >= 0 { close(descriptor) }
            }
        }
        opener.start()
        defer { stop.store(true, ordering: .relaxed) }
        for _ in 0..<40 {
            let result = try await ShellCommand(command: "ls /proc/$$/fd", environment: [:], timeout: .seconds(20), outputLimit: 4096).run()
            #expect(result.output == "0\n1\n2\n")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func theCommandStartsWithNoSignalIgnoredOrBlocked() async throws {
        // The sidecar ignores SIGPIPE, as SwiftNIO makes every process that opens a socket do (this test
        // process included); a reload script's pipelines need the default, which ends a writer to a closed pipe.
        // grep reads its own status: what a program the command runs starts with (the shell itself blocks
        // signals while it waits for grep).
        signal(SIGPIPE, SIG_IGN)
        let result = try await ShellCommand(
            command: "grep -E '^Sig(Blk|Ign):' /proc/self/status", environment: [:], timeout: .seconds(20), outputLimit: 4096
        ).run()
        // "SigBlk:\t0000000000000000": the signals blocked, then ignored, as a hexadecimal bit mask.
        var masks: [String: UInt64] = [:]
        for line in result.output.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count == 2 { masks[String(fields[0])] = UInt64(fields[1], radix: 16) }
        }
        #expect(masks["SigBlk:"] == 0)
        let ignored = try #require(masks["SigIgn:"])
        #expect(ignored & (1 << UInt64(SIGPIPE - 1)) == 0, "SIGPIPE ignored: \(result.output)")
    }

    @Test(.timeLimit(.minutes(1)))
    func commandsRunAtOnceEachGetTheirOwnOutputAndEnd() async throws {
        let outputs = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for number in 0..<16 {
                group.addTask {
                    let command = ShellCommand(command: "echo \(number); sleep 0.2", environment: [:], timeout: .seconds(20), outputLimit: 4096)
                    return (number, try await command.run().output)
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(outputs == Dictionary(uniqueKeysWithValues: (0..<16).map { ($0, "\($0)\n") }))
    }
}
