import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started by the test harness: Foundation's `Process`, made safe to share between
/// tasks and to await.
///
/// Captured output is drained by one thread per pipe as it comes, so a child that writes a lot never
/// blocks on a full pipe. Waiting never blocks a thread of the cooperative pool (it has two threads
/// on a 2-core machine), except `terminate()`, which is synchronous so that it works from `defer`.
/// Each child runs in its own process group (Foundation sets `POSIX_SPAWN_SETPGROUP`), so a kill on
/// timeout reaches its own children too; and on Linux it inherits no descriptor other than 0, 1, 2.
package final class ChildProcess: Sendable {
    /// Where the child's standard output or standard error goes.
    package enum Output: Sendable {
        /// Kept in memory; see `capturedStandardOutput` and `result(timeout:)`.
        case capture
        /// Appended to this file (created when missing).
        case file(String)
        /// `/dev/null`.
        case discard
    }

    /// The absolute path of the program.
    package let executable: String
    /// The arguments, without the program's name.
    package let arguments: [String]
    /// The child's process id (and process group id).
    package let pid: Int32

    private struct State {
        var termination: ProcessTermination?
        var terminationWaiters: [CheckedContinuation<ProcessTermination, Never>] = []
        var standardOutput = Data()
        var standardError = Data()
        var openStreams = 0
        var timedOut = false
    }

    /// Shared with the termination handler and the reader threads, which outlive `init`.
    private final class SharedState: Sendable {
        let mutex = Mutex(State())

        func withLock<T>(_ body: (inout State) -> T) -> T {
            mutex.withLock { body(&$0) }
        }
    }

    /// Which captured stream a reader thread fills.
    private enum Stream: Sendable {
        case standardOutput
        case standardError
    }

    private let state: SharedState
    /// Kept alive until the child has ended; only touched in `init`.
    private let process: Process

    /// Starts `executable` (a name looked up on `PATH`, or a path) with exactly `environment`.
    package init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String],
        currentDirectory: String? = nil,
        standardOutput: Output = .capture,
        standardError: Output = .capture
    ) throws {
        let path = try ExecutableLookup.require(executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        if let currentDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        }
        process.standardInput = FileHandle.nullDevice

        let state = SharedState()
        var readers: [(FileHandle, Stream)] = []
        var handlesToClose: [FileHandle] = []
        func destination(_ output: Output, _ stream: Stream) throws -> Any {
            switch output {
            case .capture:
                let pipe = Pipe()
                readers.append((pipe.fileHandleForReading, stream))
                return pipe
            case .file(let logPath):
                if !FileManager.default.fileExists(atPath: logPath) {
                    _ = FileManager.default.createFile(atPath: logPath, contents: nil)
                }
                guard let handle = FileHandle(forWritingAtPath: logPath) else {
                    throw HarnessError("cannot open \(logPath) for the output of \(executable)")
                }
                handle.seekToEndOfFile()
                handlesToClose.append(handle)
                return handle
            case .discard:
                return FileHandle.nullDevice
            }
        }
        process.standardOutput = try destination(standardOutput, .standardOutput)
        process.standardError = try destination(standardError, .standardError)
        state.withLock { $0.openStreams = readers.count }

        process.terminationHandler = { process in
            let termination = ProcessTermination(
                status: process.terminationStatus,
                reason: process.terminationReason == .exit ? .exited : .signalled
            )
            let waiters = state.withLock { state in
                state.termination = termination
                defer { state.terminationWaiters = [] }
                return state.terminationWaiters
            }
            for waiter in waiters {
                waiter.resume(returning: termination)
            }
        }

        // Once started, the child has its own copies of the log files' descriptors.
        defer {
            for handle in handlesToClose {
                try? handle.close()
            }
        }
        do {
            try process.run()
        } catch {
            throw HarnessError("cannot start \(path) \(arguments.joined(separator: " ")): \(error)")
        }
        for (handle, stream) in readers {
            let thread = Thread {
                // `availableData` returns what the child has written so far (`read(upToCount:)` would wait for
                // the whole count), so a running child's output can be watched; empty means end of file.
                while case let chunk = handle.availableData, !chunk.isEmpty {
                    state.withLock { state in
                        switch stream {
                        case .standardOutput: state.standardOutput.append(chunk)
                        case .standardError: state.standardError.append(chunk)
                        }
                    }
                }
                try? handle.close()
                state.withLock { $0.openStreams -= 1 }
            }
            thread.start()
        }

        self.executable = path
        self.arguments = arguments
        self.pid = process.processIdentifier
        self.process = process
        self.state = state
    }

    deinit {
        if !hasExited {
            Self.signal(pid, SIGKILL)
        }
    }

    /// Whether the child has ended (and been reaped).
    package var hasExited: Bool {
        state.withLock { $0.termination != nil }
    }

    /// How the child ended, or nil while it runs.
    package var termination: ProcessTermination? {
        state.withLock { $0.termination }
    }

    /// What the child has written to a captured standard output so far.
    package var capturedStandardOutput: String {
        state.withLock { String(decoding: $0.standardOutput, as: UTF8.self) }
    }

    /// What the child has written to a captured standard error so far.
    package var capturedStandardError: String {
        state.withLock { String(decoding: $0.standardError, as: UTF8.self) }
    }

    /// Sends `signal` to the child (and, with `toProcessGroup`, to every process in its group).
    package func kill(_ signal: Int32 = SIGTERM, toProcessGroup: Bool = false) {
        guard !hasExited else { return }
        Self.signal(toProcessGroup ? -pid : pid, signal)
    }

    /// Waits until the child ends, without blocking a thread.
    package func waitForExit() async -> ProcessTermination {
        await withCheckedContinuation { continuation in
            let termination = state.withLock { state -> ProcessTermination? in
                if let termination = state.termination {
                    return termination
                }
                state.terminationWaiters.append(continuation)
                return nil
            }
            if let termination {
                continuation.resume(returning: termination)
            }
        }
    }

    /// Waits until the child ends and its captured output is complete; past `timeout`, kills its
    /// process group and throws an error that shows what it had printed.
    package func result(timeout: Duration) async throws -> ProcessOutput {
        let watchdog = Task { [self] in
            try await Task.sleep(for: timeout)
            guard !hasExited else { return }
            state.withLock { $0.timedOut = true }
            kill(SIGKILL, toProcessGroup: true)
            kill(SIGKILL)
        }
        let termination = await waitForExit()
        watchdog.cancel()
        // A grandchild that kept the pipes open must not hold the test: give the readers 5 s.
        for _ in 0..<500 where state.withLock({ $0.openStreams > 0 }) {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let (stdout, stderr, timedOut) = state.withLock {
            (
                String(decoding: $0.standardOutput, as: UTF8.self),
                String(decoding: $0.standardError, as: UTF8.self),
                $0.timedOut
            )
        }
        let output = ProcessOutput(
            status: termination.status,
            terminatedBySignal: termination.reason == .signalled,
            stdout: stdout,
            stderr: stderr
        )
        // The watchdog can fire after the child exited but before its exit was seen (a loaded machine runs
        // the reaper late): a child that exited by itself was not killed, and its result stands.
        if timedOut && output.terminatedBySignal {
            throw HarnessError(
                "\(commandLine) did not finish within \(timeout) and was killed\n\(output.transcript)"
            )
        }
        return output
    }

    /// Ends the child synchronously (usable from `defer` and `deinit`): `SIGTERM`, up to `grace` to
    /// exit, then `SIGKILL` to its process group; returns once it has been reaped (at most ~5 s more).
    package func terminate(grace: Duration = .seconds(5)) {
        guard !hasExited else { return }
        Self.signal(pid, SIGTERM)
        if waitSynchronously(upTo: grace) { return }
        Self.signal(-pid, SIGKILL)
        Self.signal(pid, SIGKILL)
        _ = waitSynchronously(upTo: .seconds(5))
    }

    /// The command line, for messages.
    package var commandLine: String {
        ([executable] + arguments).joined(separator: " ")
    }

    private func waitSynchronously(upTo limit: Duration) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while clock.now < deadline {
            if hasExited { return true }
            usleep(5_000)
        }
        return hasExited
    }

    private static func signal(_ target: Int32, _ signal: Int32) {
        #if canImport(Glibc)
            _ = Glibc.kill(target, signal)
        #else
            _ = Darwin.kill(target, signal)
        #endif
    }
}

/// Runs a short-lived tool (openssl, curl) to completion.
extension ChildProcess {
    /// Runs `executable` with the test runner's environment plus `environment`; returns its output
    /// whatever its status.
    package static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        currentDirectory: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> ProcessOutput {
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let child = try ChildProcess(
            executable,
            arguments,
            environment: merged,
            currentDirectory: currentDirectory
        )
        return try await child.result(timeout: timeout)
    }

    /// Like `run`, but throws (with the tool's output) unless it exits 0; returns its standard output.
    @discardableResult
    package static func check(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        timeout: Duration = .seconds(60)
    ) async throws -> String {
        let output = try await run(executable, arguments, environment: environment, timeout: timeout)
        guard output.status == 0, !output.terminatedBySignal else {
            throw HarnessError("\(executable) \(arguments.joined(separator: " ")) failed\n\(output.transcript)")
        }
        return output.stdout
    }
}

/// How a child process ended.
package struct ProcessTermination: Sendable, Equatable {
    /// Whether the process called `exit` or was killed by a signal.
    package enum Reason: Sendable, Equatable {
        case exited
        case signalled
    }

    /// The exit status, or the signal number when `reason` is `.signalled`.
    package var status: Int32
    package var reason: Reason
}

/// What a finished child printed, and how it ended.
package struct ProcessOutput: Sendable, Equatable {
    /// The exit status, or the signal number when `terminatedBySignal`.
    package var status: Int32
    package var terminatedBySignal: Bool
    package var stdout: String
    package var stderr: String

    /// Status and both streams, for failure messages.
    package var transcript: String {
        let ending = terminatedBySignal ? "killed by signal \(status)" : "exit status \(status)"
        return "\(ending)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
    }
}
