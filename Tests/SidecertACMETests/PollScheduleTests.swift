import Foundation
import Testing

@testable import SidecertACME

@Suite struct PollScheduleTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let policy = ACMEPollingPolicy()

    static func schedule(timeout: TimeInterval = 300) -> PollSchedule {
        PollSchedule(policy: policy, deadline: start.addingTimeInterval(timeout))
    }

    @Test func startsFastAndGrowsToTheCap() throws {
        var schedule = Self.schedule()
        var now = Self.start
        var delays: [TimeInterval] = []
        for _ in 0..<30 {
            let next = schedule.nextDelay(now: now, retryAfter: nil)
            let delay = try #require(next).timeInterval
            delays.append(delay)
            now.addTimeInterval(delay)
        }
        #expect((0.02...0.05).contains(delays[0]))
        for (previous, next) in zip(delays, delays.dropFirst()) {
            #expect(next >= previous)
            #expect(next <= previous * 2 + 1e-9)
        }
        #expect(delays[1] > delays[0] * 1.5 - 1e-9)
        #expect(delays.last == Self.policy.maximumDelay.timeInterval)
        #expect(delays.prefix(8).reduce(0, +) < 2, "the first polls happen within a couple of seconds")
    }

    @Test(arguments: [0.0, 0.5, 1.0, 7.0, 30.0, 59.9])
    func retryAfterWins(seconds: TimeInterval) throws {
        var schedule = Self.schedule()
        let now = Self.start.addingTimeInterval(1)
        let next = schedule.nextDelay(now: now, retryAfter: now.addingTimeInterval(seconds))
        let delay = try #require(next)
        #expect(abs(delay.timeInterval - max(seconds, Self.policy.initialDelay.timeInterval)) < 1e-6)
    }

    @Test(arguments: [61.0, 3600.0, 31_536_000.0])
    func retryAfterIsClamped(seconds: TimeInterval) throws {
        var schedule = Self.schedule(timeout: 10_000_000_000)
        let next = schedule.nextDelay(now: Self.start, retryAfter: Self.start.addingTimeInterval(seconds))
        let delay = try #require(next)
        #expect(delay == Self.policy.maximumRetryAfter)
    }

    @Test func retryAfterInThePastDoesNotSpin() throws {
        var schedule = Self.schedule()
        let next = schedule.nextDelay(now: Self.start, retryAfter: Self.start.addingTimeInterval(-100))
        let delay = try #require(next)
        #expect(delay == Self.policy.initialDelay)
    }

    @Test func neverWaitsPastTheDeadlineThenGivesUp() throws {
        var schedule = Self.schedule(timeout: 2)
        var now = Self.start
        var total: TimeInterval = 0
        while let delay = schedule.nextDelay(now: now, retryAfter: now.addingTimeInterval(45)) {
            total += delay.timeInterval
            now.addTimeInterval(delay.timeInterval)
        }
        #expect(abs(total - 2) < 1e-6)
        let atDeadline = schedule.nextDelay(now: now, retryAfter: nil)
        let pastDeadline = schedule.nextDelay(now: now.addingTimeInterval(1), retryAfter: nil)
        #expect(atDeadline == nil)
        #expect(pastDeadline == nil)
    }

    @Test(arguments: 0..<200)
    func deadlineHoldsForAnyClock(seed: Int) {
        // A deterministic spread of clocks, Retry-After values and timeouts.
        var generator = SplitMix(seed: UInt64(seed))
        let timeout = Double(generator.next() % 600) + 0.01
        var schedule = Self.schedule(timeout: timeout)
        var now = Self.start
        var polls = 0
        while let delay = schedule.nextDelay(
            now: now,
            retryAfter: generator.next() % 3 == 0 ? now.addingTimeInterval(Double(generator.next() % 120) - 20) : nil
        ) {
            #expect(delay.timeInterval > 0)
            #expect(delay.timeInterval <= Self.policy.maximumRetryAfter.timeInterval)
            now.addTimeInterval(delay.timeInterval)
            #expect(now <= schedule.deadline.addingTimeInterval(1e-6))
            polls += 1
            if polls > 100_000 { break }
        }
        #expect(polls < 100_000)
        #expect(now >= schedule.deadline.addingTimeInterval(-1e-6))
    }
}

/// A tiny deterministic generator so the many-case test is reproducible.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
