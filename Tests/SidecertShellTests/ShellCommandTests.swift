import Testing

@testable import SidecertShell

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
}
