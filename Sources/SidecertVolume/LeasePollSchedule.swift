/// How often a waiter looks at a lease: soon at first, then less and less often, with jitter so a fleet
/// of waiters never polls in lockstep (nor hammers an SMB/EFS/NFS server).
package struct LeasePollSchedule: Sendable, Equatable {
    /// The shortest wait, before the first poll's jitter.
    package var initial: Duration
    /// The longest wait.
    package var maximum: Duration
    /// How much the base wait grows per poll.
    package var growth: Double

    /// The default: 100–300 ms at first, growing by half each poll to at most 2 s.
    package init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(2), growth: Double = 1.5) {
        self.initial = initial
        self.maximum = maximum
        self.growth = growth
    }

    /// The wait after poll number `poll` (0-based), for `jitter` in [0, 1): between the base wait and
    /// three times it, never above ``maximum``.
    package func delay(afterPoll poll: Int, jitter: Double) -> Duration {
        var base = initial
        for _ in 0..<min(poll, 64) where base < maximum / 3 {
            base = base * growth
        }
        return min(base, maximum / 3) * (1 + 2 * jitter)
    }
}
