import Logging
import SidecertShell

/// Reloads a frontend by running an operator's command with `/bin/sh -c`, for frontends that are
/// neither nginx nor haproxy, or reloads that need more than a signal (`systemctl reload`, `docker kill`).
///
/// The command learns what changed from `SIDECERT_CERT_NAME`, `SIDECERT_LIVE_DIR` and
/// `SIDECERT_VERSION`. It is killed past `timeout`, so a hung command cannot stall later reloads; its
/// exit status and the end of its output go into the error (and, on success, the debug log).
public struct CommandReloader: FrontendReloader {
    /// The shell command line.
    public let command: String
    /// How long the command may run before it is killed and the reload counts as failed.
    public let timeout: Duration
    /// How many bytes of the command's output are kept for the error and the log.
    public let outputLimit: Int
    private let logger: Logger

    public init(command: String, timeout: Duration = .seconds(60), outputLimit: Int = 4096, logger: Logger = Logger(label: "sidecert.reload")) {
        self.command = command
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.logger = logger
    }

    public var description: String { "command `\(command)`" }

    /// The variables the command gets on top of the sidecar's environment.
    public static func environment(for certificate: ReloadedCertificate) -> [String: String] {
        [
            "SIDECERT_CERT_NAME": certificate.name,
            "SIDECERT_LIVE_DIR": certificate.liveDirectory,
            "SIDECERT_VERSION": certificate.version,
        ]
    }

    public func reload(certificate: ReloadedCertificate) async throws {
        let result: ShellCommandResult
        do {
            result = try await ShellCommand(
                command: command,
                environment: Self.environment(for: certificate),
                timeout: timeout,
                outputLimit: outputLimit
            ).run()
        } catch {
            let cause = error.underlying.map { "\($0)" } ?? error.message
            throw ReloadError(code: .commandFailed, message: "cannot start /bin/sh for the reload command `\(command)`: \(cause)")
        }
        if result.timedOut {
            throw ReloadError(
                code: .commandTimedOut,
                message: "the reload command `\(command)` did not finish within \(timeout) and was killed; make it faster or raise the timeout. "
                    + "Its output:\n\(result.output)"
            )
        }
        guard result.succeeded else {
            let ending = result.signalled ? "was killed by signal \(result.status)" : "exited with status \(result.status)"
            throw ReloadError(
                code: .commandFailed,
                message: "the reload command `\(command)` \(ending) for \(certificate). Its output:\n\(result.output)"
            )
        }
        logger.debug(
            "reload command finished",
            metadata: ["command": "\(command)", "certificate": "\(certificate)", "output": "\(result.output)"]
        )
    }
}
