/// How a ``ShellCommand`` ended, and the end of what it printed (standard output and error together).
package struct ShellCommandResult: Sendable {
    /// The exit status, or the signal number when `signalled`.
    package var status: Int32
    /// Whether a signal ended it (including the kill after a timeout).
    package var signalled: Bool
    /// Whether it ran past its timeout and was killed.
    package var timedOut: Bool
    /// The last bytes it printed (see ``CapturedOutput``).
    package var output: String

    /// Exit status 0, no signal, no timeout.
    package var succeeded: Bool { status == 0 && !signalled && !timedOut }
}
