import Logging
import SidecertShell

/// `--notify-command`: tells the responsible administrator about every failure and each successful
/// renewal, as Let's Encrypt's integration guide asks, through a command of the operator's choice (mail,
/// a chat webhook, a pager).
///
/// The command gets the details in `SIDECERT_EVENT` (`renewed`, `issuance-failed`, `reload-failed`,
/// `expiry-at-risk`),
/// `SIDECERT_CERT_NAME`, `SIDECERT_MESSAGE`, and where they apply `SIDECERT_SERIAL`, `SIDECERT_NOT_AFTER`
/// and `SIDECERT_NEXT_ATTEMPT`. Its failure is logged, never fatal.
struct Notifier: Sendable {
    enum Event: String, Sendable {
        case renewed
        case issuanceFailed = "issuance-failed"
        case reloadFailed = "reload-failed"
        /// The guards (backoff, the CA's limits) would hold the next order back until after the live
        /// certificate expires: one last attempt is made before expiry, and a human should look.
        case expiryAtRisk = "expiry-at-risk"
    }

    /// How long the command may run before it is killed.
    static let timeout: Duration = .seconds(60)

    let command: String?
    let certName: String
    let logger: Logger

    func notify(_ event: Event, message: String, details: [String: String] = [:]) async {
        guard let command else { return }
        var environment = details
        environment["SIDECERT_EVENT"] = event.rawValue
        environment["SIDECERT_CERT_NAME"] = certName
        environment["SIDECERT_MESSAGE"] = message
        do {
            let result = try await ShellCommand(command: command, environment: environment, timeout: Self.timeout, outputLimit: 4096).run()
            if result.timedOut || !result.succeeded {
                logger.error(
                    "the notify command failed",
                    metadata: [
                        "cert": "\(certName)", "command": "\(command)", "event": "\(event.rawValue)", "status": "\(result.status)",
                        "timedOut": "\(result.timedOut)",
                        "output": "\(result.output)",
                    ])
            }
        } catch {
            logger.error("cannot run the notify command", metadata: ["cert": "\(certName)", "command": "\(command)", "error": "\(error)"])
        }
    }
}
