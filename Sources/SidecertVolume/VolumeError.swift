/// Why an operation on the shared volume failed, with the path involved and what to do about it.
///
/// A struct with a ``Code`` rather than a public enum, so new failure kinds can be added without breaking
/// callers that map codes to exit statuses.
public struct VolumeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable kind of failure; callers map it to exit codes and metrics.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, as shown in logs and `status --json`.
        public let name: String

        /// A certificate name, token or other user input is not acceptable as a file name.
        public static let invalidName = Code(name: "invalidName")
        /// A system call on the volume failed (a stale NFS handle, an I/O error, …).
        public static let io = Code(name: "io")
        /// This process may not write where it must (the volume belongs to another user).
        public static let permissionDenied = Code(name: "permissionDenied")
        /// The volume is mounted read-only.
        public static let readOnly = Code(name: "readOnly")
        /// The volume has no space (or no quota) left.
        public static let full = Code(name: "full")
        /// A file on the volume exists but does not hold what it should (truncated, garbage, mismatched).
        public static let corruptFile = Code(name: "corruptFile")
        /// A key or certificate uses an algorithm Sidecert does not issue or serve.
        public static let unsupportedKey = Code(name: "unsupportedKey")
        /// Another replica held the lease for longer than the caller was willing to wait (`--wait`).
        public static let leaseWaitTimedOut = Code(name: "leaseWaitTimedOut")
        /// The lease this process held was taken over or expired; whatever it was about to publish is stale.
        public static let leaseLost = Code(name: "leaseLost")

        public var description: String { name }
    }

    /// What kind of failure this is.
    public let code: Code
    /// The file or directory involved, when there is one.
    public let path: String?
    /// What went wrong and what to do about it, for a human.
    public let message: String
    /// The error underneath, when a lower layer's failure became this one.
    public let underlyingError: (any Error)?

    public init(code: Code, path: String?, message: String, underlyingError: (any Error)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.underlyingError = underlyingError
    }

    /// Errors are equal when they are of the same kind: what callers decide on.
    public static func == (lhs: VolumeError, rhs: VolumeError) -> Bool { lhs.code == rhs.code }

    public var description: String {
        guard let path else { return "\(message) [\(code)]" }
        return "\(path): \(message) [\(code)]"
    }
}
