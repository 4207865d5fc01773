/// How a ``ShellCommand`` ended, and the end of what it printed (standard output and error together).
public struct ShellCommandResult: Sendable {
    /// The exit status, or the signal number when `signalled`.
    public var status: Int32
    /// Whether a signal ended it (including the kill after a timeout).
    public var signalled: Bool
    /// Whether it ran past its timeout and was killed.
    public var timedOut: Bool
    /// The last bytes it printed (see ``CapturedOutput``).
    public var output: String

    /// Exit status 0, no signal, no timeout.
    public var succeeded: Bool { status == 0 && !signalled && !timedOut }
}
