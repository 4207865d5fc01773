import Foundation
import SidecertTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `sidecert` executable as users do: a separate process, its exit status, its
/// standard output and error.
///
/// The binary is `$SIDECERT_BINARY` when set, else `sidecert` beside the test bundle (the same build
/// folder, whatever the configuration), else `<package root>/.build/debug/sidecert`. `swift build
/// --build-tests` (what scripts/test runs) builds it. The child's environment is the test runner's
/// without any `SIDECERT_*` variable, plus `environment`: a developer's shell settings never leak
/// into a test.
struct SidecertProcess: Sendable {
    /// The executable that runs.
    let binaryPath: String

    /// - Parameter binaryPath: nil for the default (see the type's documentation).
    init(binaryPath: String? = nil) {
        self.binaryPath = binaryPath ?? Self.defaultBinaryPath
    }

    /// Runs `sidecert <arguments>` to completion; past `timeout`, kills it and throws an error that
    /// shows what it had printed.
    func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        currentDirectory: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try launch(arguments, environment: environment, currentDirectory: currentDirectory)
        let output = try await child.result(timeout: timeout)
        return (Self.status(of: output), output.stdout, output.stderr)
    }

    /// Starts `sidecert <arguments>` in the background (`sidecert run`, or many `ensure`s at once).
    ///
    /// - Parameter openFileLimit: the child's open-file limit, soft and hard (through `prlimit`), as a
    ///   container runtime might set it.
    func start(
        _ arguments: [String],
        environment: [String: String] = [:],
        currentDirectory: String? = nil,
        openFileLimit: Int? = nil
    ) throws -> RunningSidecert {
        RunningSidecert(try launch(arguments, environment: environment, currentDirectory: currentDirectory, openFileLimit: openFileLimit))
    }

    /// `SidecertProcess().run(…)`.
    static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        currentDirectory: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await SidecertProcess().run(
            arguments,
            environment: environment,
            currentDirectory: currentDirectory,
            timeout: timeout
        )
    }

    /// `SidecertProcess().start(…)`.
    static func start(
        _ arguments: [String],
        environment: [String: String] = [:],
        currentDirectory: String? = nil,
        openFileLimit: Int? = nil
    ) throws -> RunningSidecert {
        try SidecertProcess().start(arguments, environment: environment, currentDirectory: currentDirectory, openFileLimit: openFileLimit)
    }

    /// The environment a sidecert child gets: the runner's without `SIDECERT_*`, plus `extra`.
    static func childEnvironment(adding extra: [String: String]) -> [String: String] {
        ProcessInfo.processInfo.environment
            .filter { !$0.key.hasPrefix("SIDECERT_") }
            .merging(extra) { _, new in new }
    }

    /// An exit status as a shell shows it: a signal `n` is `128 + n`.
    static func status(of output: ProcessOutput) -> Int32 {
        output.terminatedBySignal ? 128 + output.status : output.status
    }

    /// The package root, found from this file's path (`<root>/Tests/SidecertTests/Support/…`).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 {
            url.deleteLastPathComponent()
        }
        return url.path
    }()

    /// See the type's documentation.
    static let defaultBinaryPath: String = {
        if let path = ProcessInfo.processInfo.environment["SIDECERT_BINARY"], !path.isEmpty {
            return path
        }
        // The test bundle runs from the build folder that also holds `sidecert`.
        if let testBinary = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let sibling = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("sidecert")
            if FileManager.default.isExecutableFile(atPath: sibling.path) {
                return sibling.path
            }
        }
        return packageRoot + "/.build/debug/sidecert"
    }()

    private func launch(_ arguments: [String], environment: [String: String], currentDirectory: String?, openFileLimit: Int? = nil) throws
        -> ChildProcess
    {
        guard FileManager.default.isExecutableFile(atPath: binaryPath) else {
            throw HarnessError(
                "no sidecert executable at \(binaryPath): run `swift build --build-tests` (or set SIDECERT_BINARY)"
            )
        }
        if let openFileLimit {
            // prlimit sets the limit and executes sidecert in its place: same process, same pid.
            return try ChildProcess(
                "prlimit", ["--nofile=\(openFileLimit):\(openFileLimit)", "--", binaryPath] + arguments,
                environment: Self.childEnvironment(adding: environment), currentDirectory: currentDirectory)
        }
        return try ChildProcess(
            binaryPath,
            arguments,
            environment: Self.childEnvironment(adding: environment),
            currentDirectory: currentDirectory
        )
    }
}

/// A `sidecert` process running in the background, from `SidecertProcess.start`.
struct RunningSidecert: Sendable {
    private let child: ChildProcess

    init(_ child: ChildProcess) {
        self.child = child
    }

    /// Its process id.
    var pid: Int32 { child.pid }

    /// Whether it has ended.
    var hasExited: Bool { child.hasExited }

    /// What it has printed on standard output so far.
    var stdoutSoFar: String { child.capturedStandardOutput }

    /// What it has printed on standard error so far (its log, by default).
    var stderrSoFar: String { child.capturedStandardError }

    /// Sends it `signal` (`SIGTERM` by default: a graceful shutdown for `sidecert run`).
    func kill(_ signal: Int32 = SIGTERM) {
        child.kill(signal)
    }

    /// Waits until it ends; past `timeout`, kills it and throws. The status of a process killed by
    /// signal `n` is `128 + n`.
    func wait(timeout: Duration = .seconds(60)) async throws -> (status: Int32, stdout: String, stderr: String) {
        let output = try await child.result(timeout: timeout)
        return (SidecertProcess.status(of: output), output.stdout, output.stderr)
    }

    /// Polls its standard error (or output) until it contains `text`; throws after `timeout` or if
    /// it exits first, with what it printed.
    func waitForOutput(containing text: String, timeout: Duration = .seconds(30)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if stderrSoFar.contains(text) || stdoutSoFar.contains(text) { return }
            if hasExited {
                try? await Task.sleep(for: .milliseconds(50))  // the readers may still be draining
                if stderrSoFar.contains(text) || stdoutSoFar.contains(text) { return }
                throw HarnessError(
                    "sidecert exited before printing \"\(text)\"\n--- stdout ---\n\(stdoutSoFar)\n--- stderr ---\n\(stderrSoFar)"
                )
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw HarnessError(
            "sidecert did not print \"\(text)\" within \(timeout)\n--- stdout ---\n\(stdoutSoFar)\n--- stderr ---\n\(stderrSoFar)"
        )
    }

    /// Stops it synchronously if it still runs (`SIGTERM`, then `SIGKILL` after `grace`); for `defer`.
    func stop(grace: Duration = .seconds(5)) {
        child.terminate(grace: grace)
    }
}
