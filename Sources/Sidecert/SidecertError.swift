/// An error a user of `sidecert` sees: what was wrong, with which flag, file or name, and what to do.
///
/// The ``Code`` decides the process's exit status, which scripts depend on (see the README's exit codes).
package struct SidecertError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure, which maps one-to-one onto an exit status.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// Bad input or configuration; nothing was written. Exit 2.
        package static let badInput = Code(name: "bad input", exitStatus: 2)
        /// Try again later: the CA is unreachable or rate-limiting, a backoff window is open, or `--wait` ran
        /// out. Exit 75 (EX_TEMPFAIL).
        package static let tryLater = Code(name: "try again later", exitStatus: 75)
        /// Anything else. Exit 1.
        package static let failure = Code(name: "failure", exitStatus: 1)

        package let name: String
        package let exitStatus: Int32

        package var description: String { name }
    }

    package var code: Code
    /// What went wrong, naming the flag, file or name concerned.
    package var message: String
    /// What the user can do about it, when there is something to say.
    package var hint: String?
    /// The error underneath, when one layer's failure became this one.
    package var underlyingError: (any Error)?

    package init(_ code: Code, _ message: String, hint: String? = nil, underlyingError: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.underlyingError = underlyingError
    }

    /// Errors are equal when they are of the same kind: what decides the exit status.
    package static func == (lhs: SidecertError, rhs: SidecertError) -> Bool { lhs.code == rhs.code }

    package static func badInput(_ message: String, hint: String? = nil) -> SidecertError {
        SidecertError(.badInput, message, hint: hint)
    }

    package static func tryLater(_ message: String, hint: String? = nil) -> SidecertError {
        SidecertError(.tryLater, message, hint: hint)
    }

    package static func failure(_ message: String, hint: String? = nil) -> SidecertError {
        SidecertError(.failure, message, hint: hint)
    }

    package var description: String {
        guard let hint else { return message }
        return "\(message)\n  → \(hint)"
    }
}
