/// How long to wait between checks: short at first (a record often appears within milliseconds on
/// a primary), doubling up to a ceiling so slow secondaries are not hammered.
public struct DNSPollSchedule: Sendable, Hashable {
    /// The first wait.
    public var first: Duration
    /// The longest wait.
    public var maximum: Duration

    public init(first: Duration = .milliseconds(50), maximum: Duration = .seconds(5)) {
        self.first = first
        self.maximum = maximum
    }

    /// The wait after one of `previous`.
    public func interval(after previous: Duration) -> Duration {
        min(previous * 2, maximum)
    }
}
