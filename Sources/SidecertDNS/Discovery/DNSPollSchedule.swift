/// How long to wait between checks: short at first (a record often appears within milliseconds on
/// a primary), doubling up to a ceiling so slow secondaries are not hammered.
package struct DNSPollSchedule: Sendable, Hashable {
    /// The first wait.
    package var first: Duration
    /// The longest wait.
    package var maximum: Duration

    package init(first: Duration = .milliseconds(50), maximum: Duration = .seconds(5)) {
        self.first = first
        self.maximum = maximum
    }

    /// The wait after one of `previous`.
    package func interval(after previous: Duration) -> Duration {
        min(previous * 2, maximum)
    }
}
