/// How a reload command ended, and the end of what it printed (standard output and error together).
struct ShellCommandResult: Sendable {
    /// The exit status, or the signal number when `signalled`.
    var status: Int32
    /// Whether a signal ended it (including the kill after a timeout).
    var signalled: Bool
    /// Whether it ran past its timeout and was killed.
    var timedOut: Bool
    /// The last bytes it printed (see ``CapturedOutput``).
    var output: String

    /// Exit status 0, no signal, no timeout.
    var succeeded: Bool { status == 0 && !signalled && !timedOut }
}
