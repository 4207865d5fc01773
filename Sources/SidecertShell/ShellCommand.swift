import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `/bin/sh -c <command>` to completion with a timeout, without blocking a thread of the
/// cooperative pool (a sidecar has few cores). Reload commands and the daemon's notify command use it.
///
/// The child runs in its own process group (Foundation's `Process` spawns it so), so the kill on timeout
/// or cancellation also reaches whatever the shell started.
public struct ShellCommand: Sendable {
    /// The shell command line.
    public let command: String
    /// The environment variables added to the sidecar's own (replacing those of the same name).
    public let environment: [String: String]
    /// Variables of the sidecar's own environment the command must not see, so that it cannot mistake an
    /// inherited value (the sidecar's `SIDECERT_CERT_NAME`, say) for one meant for it.
    public let removedVariables: Set<String>
    /// How long it may run before it is killed.
    public let timeout: Duration
    /// How many bytes of its output are kept.
    public let outputLimit: Int

    public init(
        command: String, environment: [String: String], removedVariables: Set<String> = [], timeout: Duration, outputLimit: Int
    ) {
        self.command = command
        self.environment = environment
        self.removedVariables = removedVariables
        self.timeout = timeout
        self.outputLimit = outputLimit
    }

    /// The environment the command runs with: the sidecar's, less ``removedVariables``, plus ``environment``.
    func childEnvironment(inheriting inherited: [String: String]) -> [String: String] {
        inherited.filter { !removedVariables.contains($0.key) }.merging(environment) { _, added in added }
    }

    /// Runs the command to its end, its timeout, or the task's cancellation (both kill it); throws only a
    /// ``ShellCommandError`` when it cannot be started.
    public func run() async throws(ShellCommandError) -> ShellCommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = childEnvironment(inheriting: ProcessInfo.processInfo.environment)
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe

        let (terminations, terminated) = AsyncStream.makeStream(of: (Int32, Bool).self)
        process.terminationHandler = { process in
            terminated.yield((process.terminationStatus, process.terminationReason == .uncaughtSignal))
            terminated.finish()
        }
        do {
            try process.run()
        } catch {
            throw ShellCommandError(code: .cannotStart, message: "cannot start /bin/sh for `\(command)`: \(error)", underlying: error)
        }
        let pid = process.processIdentifier

        let (outputs, outputDone) = AsyncStream.makeStream(of: CapturedOutput.self)
        let reading = pipe.fileHandleForReading
        let limit = outputLimit
        Thread {
            var output = CapturedOutput(limit: limit)
            while let chunk = try? reading.read(upToCount: 64 * 1024), !chunk.isEmpty {
                output.append(chunk)
            }
            try? reading.close()
            outputDone.yield(output)
            outputDone.finish()
        }.start()

        // The watchdog is a child task: it cannot outlive this call, and ends as soon as the command does.
        // It returns whether it killed the command.
        let (status, signalled, timedOut) = await withTaskCancellationHandler {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return false }
                    Self.kill(pid)
                    return true
                }
                var iterator = terminations.makeAsyncIterator()
                let (status, signalled) = await iterator.next() ?? (-1, true)
                group.cancelAll()
                let killed = await group.next() ?? false
                return (status, signalled, killed)
            }
        } onCancel: {
            Self.kill(pid)
        }
        _ = process  // Kept alive until it has been reaped.

        // A grandchild that left the process group may hold the pipe open: wait 2 s for it at most.
        let output = await withTaskGroup(of: CapturedOutput?.self) { group in
            group.addTask {
                var iterator = outputs.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(2))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        return ShellCommandResult(
            status: status,
            signalled: signalled,
            timedOut: timedOut,
            output: output?.text ?? "(output not available: something the command started still holds it open)"
        )
    }

    /// SIGKILL to the command's process group and to the shell itself.
    private static func kill(_ pid: Int32) {
        #if canImport(Glibc)
            _ = Glibc.kill(-pid, SIGKILL)
            _ = Glibc.kill(pid, SIGKILL)
        #else
            _ = Darwin.kill(-pid, SIGKILL)
            _ = Darwin.kill(pid, SIGKILL)
        #endif
    }
}
