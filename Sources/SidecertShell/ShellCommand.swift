#if canImport(Glibc)
    import Glibc
#endif

/// Runs `/bin/sh -c <command>` to completion with a timeout, without blocking a thread of the
/// cooperative pool (a sidecar has few cores). Reload commands and the daemon's notify command use it.
///
/// The child runs in its own process group (see ``ChildShell``), so the kill on timeout or cancellation
/// also reaches whatever the shell started. Standard library and glibc only: no Foundation, whose `Process`
/// would link ICU into the executable.
package struct ShellCommand: Sendable {
    /// The shell command line.
    package let command: String
    /// The environment variables added to the sidecar's own (replacing those of the same name).
    package let environment: [String: String]
    /// Variables of the sidecar's own environment the command must not see, so that it cannot mistake an
    /// inherited value (the sidecar's `SIDECERT_CERT_NAME`, say) for one meant for it.
    package let removedVariables: Set<String>
    /// How long it may run before it is killed.
    package let timeout: Duration
    /// How many bytes of its output are kept.
    package let outputLimit: Int

    package init(
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
    package func run() async throws(ShellCommandError) -> ShellCommandResult {
        let (child, outputPipe) = try ChildShell.start(command: command, environment: childEnvironment(inheriting: ProcessEnvironment.current))
        let (terminations, terminated) = AsyncStream.makeStream(of: ChildShell.Termination.self)
        // Whether, once the command ended, something it started still held its output pipe 2 s later (a
        // grandchild that left the process group): then its output is given up. Otherwise the reader gets
        // all of it, however long a busy machine takes to schedule it. Given up too when the pipe cannot be
        // watched (no descriptor left), rather than risk waiting for ever.
        let (holds, held) = AsyncStream.makeStream(of: Bool.self)
        let (outputs, outputDone) = AsyncStream.makeStream(of: CapturedOutput.self)
        let limit = outputLimit
        let watch = OutputPipeWatch(readEnd: outputPipe)
        do {
            try DetachedThread.start {
                terminated.yield(child.waitForExit())
                terminated.finish()
                held.yield(watch.map { !$0.writersClosed(within: .seconds(2)) } ?? true)
                held.finish()
            }
        } catch {
            child.kill()
            _ = child.waitForExit()
            close(outputPipe)
            throw ChildShell.cannotStart(command, error)
        }
        do {
            try DetachedThread.start {
                outputDone.yield(CapturedOutput.read(from: outputPipe, limit: limit))
                outputDone.finish()
            }
        } catch {
            child.kill()  // The waiting thread reaps it.
            close(outputPipe)
            throw ChildShell.cannotStart(command, error)
        }

        // The watchdog is a child task: it cannot outlive this call, and ends as soon as the command does.
        // It returns whether it killed the command.
        let (termination, timedOut) = await withTaskCancellationHandler {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return false }
                    child.kill()
                    return true
                }
                var iterator = terminations.makeAsyncIterator()
                let termination = await iterator.next() ?? ChildShell.Termination(status: -1, signalled: true)
                group.cancelAll()
                let killed = await group.next() ?? false
                return (termination, killed)
            }
        } onCancel: {
            child.kill()
        }

        var output: CapturedOutput?
        var heldIterator = holds.makeAsyncIterator()
        if await heldIterator.next() == false {
            var iterator = outputs.makeAsyncIterator()
            output = await iterator.next()
        }
        return ShellCommandResult(
            status: termination.status,
            signalled: termination.signalled,
            timedOut: timedOut,
            output: output?.text ?? "(output not available: something the command started still holds it open)"
        )
    }
}
