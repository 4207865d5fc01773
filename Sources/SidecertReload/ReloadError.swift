/// Why a frontend reload failed, and what to do about it.
///
/// A struct with a ``Code`` rather than a public enum, so new kinds of failure can be added without
/// breaking callers that count failures by code in metrics.
package struct ReloadError: Error, Sendable, CustomStringConvertible {
    /// A stable, machine-readable kind of failure, for metrics and logs.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, as shown in logs and metrics labels.
        package let name: String

        /// `--reload-signal` names no signal, or one that would stop the frontend instead of reloading it.
        package static let invalidSignal = Code(name: "invalidSignal")
        /// The pidfile is missing, unreadable or does not hold a process id.
        package static let invalidPIDFile = Code(name: "invalidPIDFile")
        /// The pidfile names a process that is not running (a stale pidfile: the frontend is down).
        package static let processNotRunning = Code(name: "processNotRunning")
        /// The signal could not be sent (usually: the frontend runs as another user).
        package static let signalFailed = Code(name: "signalFailed")
        /// The reload command could not be started, or exited with a failure status.
        package static let commandFailed = Code(name: "commandFailed")
        /// The reload command ran past its timeout and was killed.
        package static let commandTimedOut = Code(name: "commandTimedOut")
        /// The HAProxy runtime API socket could not be reached, or did not answer in time.
        package static let socketUnavailable = Code(name: "socketUnavailable")
        /// HAProxy answered the runtime API with something other than success.
        package static let frontendRejected = Code(name: "frontendRejected")
        /// The certificate files to hand to the frontend could not be read.
        package static let certificateUnreadable = Code(name: "certificateUnreadable")

        package var description: String { name }
    }

    /// What kind of failure this is.
    package let code: Code
    /// What went wrong, with the file, signal or command involved, and what to do about it.
    package let message: String

    package init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(message) [\(code)]" }
}
