import Foundation
import Testing

@testable import SidecertACME

/// The retries of one request of an order after a transient failure, on a fixed clock.
@Suite struct TransientRetryScheduleTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func schedule(timeout: TimeInterval = 300) -> TransientRetrySchedule {
        TransientRetrySchedule(policy: ACMEPollingPolicy(), deadline: start.addingTimeInterval(timeout))
    }

    static func problem(_ status: Int, _ type: ACMEProblemType = .serverInternal, retryAfter: Date? = nil) -> ACMEError {
        ACMEError(code: .problem, message: "refused", problem: ACMEProblem(type: type, status: status), retryAfter: retryAfter)
    }

    @Test(arguments: [
        (ACMEError(code: .unreachable, message: "reset"), true),
        (ACMEError(code: .unreadableDocument, message: "not JSON"), true),
        (problem(500), true),
        (problem(503, .blank), true),
        (problem(429, .rateLimited), false),
        (problem(503, .rateLimited), false),
        (problem(400, .malformed), false),
        (problem(403, .orderNotReady), false),
        (ACMEError(code: .invalidResponse, message: "no Location"), false),
        (ACMEError(code: .notADirectory, message: "a web page"), false),
        (ACMEError(code: .orderFailed, message: "invalid"), false),
    ])
    func transientFailures(error: ACMEError, transient: Bool) {
        #expect(error.isTransient == transient, "\(error.code)")
    }

    @Test func threeRetriesGrowingThreefoldThenGivesUp() {
        var schedule = Self.schedule()
        var now = Self.start
        var delays: [TimeInterval] = []
        while let delay = schedule.nextDelay(after: Self.problem(503), now: now) {
            delays.append(delay.timeInterval)
            now.addTimeInterval(delay.timeInterval)
        }
        #expect(delays == [0.5, 1.5, 4.5])
    }

    @Test func notTransientIsNotRetried() {
        var schedule = Self.schedule()
        let delay = schedule.nextDelay(after: Self.problem(429, .rateLimited, retryAfter: Self.start.addingTimeInterval(1)), now: Self.start)
        #expect(delay == nil)
        #expect(schedule.retries == 0)
    }

    @Test(arguments: [0.1, 2.0, 30.0, 60.0])
    func aShortRetryAfterLengthensTheWait(seconds: TimeInterval) throws {
        var schedule = Self.schedule()
        let delay = schedule.nextDelay(after: Self.problem(503, retryAfter: Self.start.addingTimeInterval(seconds)), now: Self.start)
        #expect(delay?.timeInterval == max(0.5, seconds))
    }

    @Test(arguments: [61.0, 3600.0])
    func aRetryAfterLongerThanAnOrderWaitsGivesUpForTheLedger(seconds: TimeInterval) {
        var schedule = Self.schedule()
        let delay = schedule.nextDelay(after: Self.problem(503, retryAfter: Self.start.addingTimeInterval(seconds)), now: Self.start)
        #expect(delay == nil)
    }

    @Test func noRetryEndsPastTheDeadline() {
        var schedule = Self.schedule(timeout: 1)
        let first = schedule.nextDelay(after: Self.problem(500), now: Self.start)
        let second = schedule.nextDelay(after: Self.problem(500), now: Self.start.addingTimeInterval(0.5))
        #expect(first?.timeInterval == 0.5)
        #expect(second == nil, "0.5 + 1.5 s ends past the deadline")
    }
}
