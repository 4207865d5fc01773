import Logging
import SidecertShell

/// Reloads a frontend by running an operator's command with `/bin/sh -c`, for frontends that are
/// neither nginx nor haproxy, or reloads that need more than a signal (`systemctl reload`, `docker kill`).
///
/// It runs once per batch of certificates. It learns what changed from `SIDECERT_CERT_NAMES` (the names,
/// comma-separated, always set) and, when the batch holds one certificate, `SIDECERT_CERT_NAME`,
/// `SIDECERT_LIVE_DIR` and `SIDECERT_VERSION`. It is killed past `timeout`, so a hung command cannot
/// stall later reloads; its exit status and the end of its output go into the error (and, on success,
/// the debug log).
package struct CommandReloader: FrontendReloader {
    /// The shell command line.
    package let command: String
    /// How long the command may run before it is killed and the reload counts as failed.
    package let timeout: Duration
    /// How many bytes of the command's output are kept for the error and the log.
    package let outputLimit: Int
    private let logger: Logger

    package init(command: String, timeout: Duration = .seconds(60), outputLimit: Int = 4096, logger: Logger = Logger(label: "sidecert.reload")) {
        self.command = command
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.logger = logger
    }

    package var description: String { "command `\(command)`" }

    /// The variables that describe a single certificate. The command never inherits them from the
    /// sidecar's own environment (where `SIDECERT_CERT_NAME` may be `--cert-name`'s twin): for a batch of
    /// several certificates they are unset rather than naming one of them, or another.
    static let singleCertificateVariables: Set<String> = ["SIDECERT_CERT_NAME", "SIDECERT_LIVE_DIR", "SIDECERT_VERSION"]

    /// The variables the command gets on top of the sidecar's environment for `certificates`.
    package static func environment(for certificates: [ReloadedCertificate]) -> [String: String] {
        var environment = ["SIDECERT_CERT_NAMES": certificates.joinedNames]
        if certificates.count == 1, let certificate = certificates.first {
            environment["SIDECERT_CERT_NAME"] = certificate.name
            environment["SIDECERT_LIVE_DIR"] = certificate.liveDirectory
            environment["SIDECERT_VERSION"] = certificate.version
        }
        return environment
    }

    package func reload(_ certificates: [ReloadedCertificate]) async throws {
        guard !certificates.isEmpty else { return }
        let result: ShellCommandResult
        do {
            result = try await ShellCommand(
                command: command,
                environment: Self.environment(for: certificates),
                removedVariables: Self.singleCertificateVariables,
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
                message: "the reload command `\(command)` \(ending) for \(certificates.listed). Its output:\n\(result.output)"
            )
        }
        logger.debug(
            "reload command finished",
            metadata: [
                "command": "\(command)", "cert": "\(certificates.joinedNames)",
                "version": "\(certificates.joinedVersions)", "output": "\(result.output)",
            ]
        )
    }
}
