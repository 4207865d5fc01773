/// Why a frontend reload failed, and what to do about it.
///
/// A struct with a ``Code`` rather than a public enum, so new kinds of failure can be added without
/// breaking callers that count failures by code in metrics.
public struct ReloadError: Error, Sendable, CustomStringConvertible {
    /// A stable, machine-readable kind of failure, for metrics and logs.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, as shown in logs and metrics labels.
        public let name: String

        /// `--reload-signal` names no signal, or one that would stop the frontend instead of reloading it.
        public static let invalidSignal = Code(name: "invalidSignal")
        /// The pidfile is missing, unreadable or does not hold a process id.
        public static let invalidPIDFile = Code(name: "invalidPIDFile")
        /// The pidfile names a process that is not running (a stale pidfile: the frontend is down).
        public static let processNotRunning = Code(name: "processNotRunning")
        /// The signal could not be sent (usually: the frontend runs as another user).
        public static let signalFailed = Code(name: "signalFailed")
        /// The reload command could not be started, or exited with a failure status.
        public static let commandFailed = Code(name: "commandFailed")
        /// The reload command ran past its timeout and was killed.
        public static let commandTimedOut = Code(name: "commandTimedOut")
        /// The HAProxy runtime API socket could not be reached, or did not answer in time.
        public static let socketUnavailable = Code(name: "socketUnavailable")
        /// HAProxy answered the runtime API with something other than success.
        public static let frontendRejected = Code(name: "frontendRejected")
        /// The certificate files to hand to the frontend could not be read.
        public static let certificateUnreadable = Code(name: "certificateUnreadable")

        public var description: String { name }
    }

    /// What kind of failure this is.
    public let code: Code
    /// What went wrong, with the file, signal or command involved, and what to do about it.
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }
}
