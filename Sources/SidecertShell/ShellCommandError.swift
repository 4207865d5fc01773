/// Why a ``ShellCommand`` could not be run at all (a command that runs and fails is a
/// ``ShellCommandResult``, not an error).
///
/// A struct with a ``Code``, so callers (the reload command, the notify command) can say in their own
/// words what the command was for, and new kinds can be added without breaking them.
package struct ShellCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable kind of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, as shown in logs.
        package let name: String

        /// `/bin/sh` could not be started (no such file, no permission, out of processes or threads).
        package static let cannotStart = Code(name: "cannotStart")

        package var description: String { name }
    }

    /// What kind of failure this is.
    package let code: Code
    /// What went wrong, with the command line.
    package let message: String
    /// The error that caused it (the failed system call, for a failed spawn), if any.
    package let underlying: (any Error & Sendable)?

    package init(code: Code, message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// Equal when the codes are: messages carry paths and system words that differ between runs.
    package static func == (lhs: ShellCommandError, rhs: ShellCommandError) -> Bool {
        lhs.code == rhs.code
    }

    package var description: String { "\(message) [\(code)]" }
}
