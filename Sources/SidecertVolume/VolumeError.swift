/// Why an operation on the shared volume failed, with the path involved and what to do about it.
///
/// A struct with a ``Code`` rather than a public enum, so new failure kinds can be added without breaking
/// callers that map codes to exit statuses.
package struct VolumeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable kind of failure; callers map it to exit codes and metrics.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, as shown in logs and `status --json`.
        package let name: String

        /// A certificate name, token or other user input is not acceptable as a file name.
        package static let invalidName = Code(name: "invalidName")
        /// A system call on the volume failed (a stale NFS handle, an I/O error, …).
        package static let io = Code(name: "io")
        /// This process may not write where it must (the volume belongs to another user).
        package static let permissionDenied = Code(name: "permissionDenied")
        /// The volume is mounted read-only.
        package static let readOnly = Code(name: "readOnly")
        /// The volume has no space (or no quota) left.
        package static let full = Code(name: "full")
        /// A file on the volume exists but does not hold what it should (truncated, garbage, mismatched).
        package static let corruptFile = Code(name: "corruptFile")
        /// A key or certificate uses an algorithm Sidecert does not issue or serve.
        package static let unsupportedKey = Code(name: "unsupportedKey")
        /// Another replica held the lease for longer than the caller was willing to wait (`--wait`).
        package static let leaseWaitTimedOut = Code(name: "leaseWaitTimedOut")
        /// The lease this process held was taken over or expired; whatever it was about to publish is stale.
        package static let leaseLost = Code(name: "leaseLost")

        package var description: String { name }
    }

    /// What kind of failure this is.
    package let code: Code
    /// The file or directory involved, when there is one.
    package let path: String?
    /// What went wrong and what to do about it, for a human.
    package let message: String
    /// The error underneath, when a lower layer's failure became this one.
    package let underlyingError: (any Error)?

    package init(code: Code, path: String?, message: String, underlyingError: (any Error)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.underlyingError = underlyingError
    }

    /// Errors are equal when they are of the same kind: what callers decide on.
    package static func == (lhs: VolumeError, rhs: VolumeError) -> Bool { lhs.code == rhs.code }

    package var description: String {
        guard let path else { return "\(message) [\(code)]" }
        return "\(path): \(message) [\(code)]"
    }
}
