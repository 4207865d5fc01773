import Foundation
import SidecertACME
import SidecertVolume
import Testing

@testable import Sidecert

/// Every rule of the renewal schedule with a fixed clock and fixed random numbers: no sleeps, no I/O.
@Suite("Renewal schedule: ARI window, lifetime rule with jitter, backoff")
struct RenewalScheduleTests {
    static let minute: TimeInterval = 60
    static let hour: TimeInterval = 3_600
    static let day: TimeInterval = 86_400
    /// Lifetimes the schedule must follow: Pebble's 60 s test certificates, Let's Encrypt's `shortlived`
    /// (6 days) and `tlsserver` (45 days), `classic` of 2027 (64 days) and of today (90 days).
    static let lifetimes: [TimeInterval] = [60, 6 * day, 45 * day, 64 * day, 90 * day]
    /// The edges of `0..<1`, the middle, and a sweep of a thousand values across it.
    static let randomUnits: [Double] = [0, 0.5, 0.999, Double(1).nextDown] + (0..<1_000).map { Double($0) / 1_000 }

    /// A fixed "issued at": 2027-01-15T08:00:00Z.
    let issued = Date(timeIntervalSince1970: 1_800_000_000)

    func schedule(
        lifetime: TimeInterval,
        renewalInformation: ACMERenewalInfo? = nil,
        nextAttemptAllowed: Date? = nil
    ) -> RenewalSchedule {
        RenewalSchedule(
            notBefore: issued,
            notAfter: issued.addingTimeInterval(lifetime),
            renewalInformation: renewalInformation,
            nextAttemptAllowed: nextAttemptAllowed
        )
    }

    /// The jitter's reach for a lifetime, as documented on ``RenewalSchedule``.
    func maximumJitter(lifetime: TimeInterval) -> TimeInterval {
        min(lifetime * RenewalSchedule.jitterFractionOfLifetime, RenewalSchedule.maximumJitter)
    }

    // MARK: Without ARI

    @Test("without ARI, every random value lands between the jittered and the plain renewal point", arguments: lifetimes)
    func lifetimeRuleStaysInBounds(lifetime: TimeInterval) {
        let schedule = schedule(lifetime: lifetime)
        let dueDate = InstalledCertificate.renewalDate(notBefore: schedule.notBefore, notAfter: schedule.notAfter)
        let earliest = dueDate.addingTimeInterval(-maximumJitter(lifetime: lifetime))
        for randomUnit in Self.randomUnits {
            let decision = schedule.decision(now: issued, randomUnit: randomUnit)
            #expect(decision.renewAt >= earliest, "u = \(randomUnit)")
            #expect(decision.renewAt <= dueDate, "u = \(randomUnit)")
            #expect(decision.renewAt >= schedule.notBefore, "u = \(randomUnit)")
            #expect(decision.renewAt < schedule.notAfter, "u = \(randomUnit)")
            #expect(decision.checkAgainAt == decision.renewAt, "nothing but the clock can move it without ARI")
            #expect(decision.reason.contains("of the lifetime left"))
        }
    }

    @Test("without ARI and no jitter, the moment is exactly InstalledCertificate's renewal date", arguments: lifetimes)
    func zeroJitterIsTheVolumeRule(lifetime: TimeInterval) {
        let schedule = schedule(lifetime: lifetime)
        let decision = schedule.decision(now: issued, randomUnit: 0)
        #expect(decision.renewAt == InstalledCertificate.renewalDate(notBefore: schedule.notBefore, notAfter: schedule.notAfter))
    }

    @Test("the jitter spreads a fleet over its whole reach, earlier as the random value grows", arguments: lifetimes)
    func jitterSpreadsTheFleet(lifetime: TimeInterval) {
        let schedule = schedule(lifetime: lifetime)
        let moments = Self.randomUnits.sorted().map { schedule.decision(now: issued, randomUnit: $0).renewAt }
        #expect(zip(moments, moments.dropFirst()).allSatisfy { $0 >= $1 })
        let spread = moments.first!.timeIntervalSince(moments.last!)
        #expect(abs(spread - maximumJitter(lifetime: lifetime)) < 1e-3)
    }

    @Test("a third of the lifetime left: 30 days before expiry for 90 days, 15 for 45, about 21 for 64")
    func aThirdOfLongLifetimes() {
        for (lifetime, left) in [(90 * Self.day, 30 * Self.day), (45 * Self.day, 15 * Self.day), (64 * Self.day, 64 * Self.day / 3)] {
            let schedule = schedule(lifetime: lifetime)
            let decision = schedule.decision(now: issued, randomUnit: 0)
            #expect(abs(schedule.notAfter.timeIntervalSince(decision.renewAt) - left) < 1e-3)
            #expect(decision.reason.hasPrefix("33% of the lifetime left"))
        }
    }

    @Test("half the lifetime left for short certificates: 3 days for 6 days, 30 s for 60 s")
    func halfOfShortLifetimes() {
        for lifetime in [6 * Self.day, 60] {
            let schedule = schedule(lifetime: lifetime)
            let decision = schedule.decision(now: issued, randomUnit: 0)
            #expect(decision.renewAt == issued.addingTimeInterval(lifetime / 2))
            #expect(decision.reason.hasPrefix("50% of the lifetime left"))
        }
    }

    @Test("the half rule covers exactly 10 days; 10 days and a second is a long certificate")
    func halfRuleBoundary() {
        let tenDays = schedule(lifetime: 10 * Self.day).decision(now: issued, randomUnit: 0)
        #expect(tenDays.renewAt == issued.addingTimeInterval(5 * Self.day))
        let longer = schedule(lifetime: 10 * Self.day + 1)
        let decision = longer.decision(now: issued, randomUnit: 0)
        #expect(abs(longer.notAfter.timeIntervalSince(decision.renewAt) - (10 * Self.day + 1) / 3) < 1e-3)
    }

    @Test("the jitter is capped at 2 days for long certificates and 10% of short ones")
    func jitterReach() {
        let long = schedule(lifetime: 90 * Self.day)
        let longDue = InstalledCertificate.renewalDate(notBefore: long.notBefore, notAfter: long.notAfter)
        let longEarliest = long.decision(now: issued, randomUnit: Double(1).nextDown).renewAt
        #expect(abs(longDue.timeIntervalSince(longEarliest) - 2 * Self.day) < 1e-3)
        let short = schedule(lifetime: 6 * Self.day)
        let shortEarliest = short.decision(now: issued, randomUnit: 0.5).renewAt
        #expect(abs(issued.addingTimeInterval(3 * Self.day).timeIntervalSince(shortEarliest) - 0.5 * 0.1 * 6 * Self.day) < 1e-3)
    }

    @Test("once the renewal point has passed, renew now", arguments: lifetimes)
    func overdueRenewsNow(lifetime: TimeInterval) {
        let now = issued.addingTimeInterval(lifetime * 0.9)
        let decision = schedule(lifetime: lifetime).decision(now: now, randomUnit: 0.5)
        #expect(decision.renewAt == now)
    }

    // MARK: Outside validity

    @Test("an expired certificate renews now", arguments: lifetimes)
    func expiredRenewsNow(lifetime: TimeInterval) {
        let schedule = schedule(lifetime: lifetime)
        for now in [schedule.notAfter, schedule.notAfter.addingTimeInterval(1), schedule.notAfter.addingTimeInterval(40 * Self.day)] {
            let decision = schedule.decision(now: now, randomUnit: 0.999)
            #expect(decision.renewAt == now)
            #expect(decision.reason.hasPrefix("expired at"))
        }
    }

    @Test("an expired certificate renews now even when the ARI window is still ahead")
    func expiredBeatsARI() {
        let schedule = schedule(
            lifetime: 6 * Self.day,
            renewalInformation: ACMERenewalInfo(
                suggestedWindowStart: issued.addingTimeInterval(20 * Self.day),
                suggestedWindowEnd: issued.addingTimeInterval(21 * Self.day)
            )
        )
        let now = issued.addingTimeInterval(7 * Self.day)
        #expect(schedule.decision(now: now, randomUnit: 0.5).renewAt == now)
    }

    @Test("a certificate not valid yet renews now")
    func notYetValidRenewsNow() {
        let now = issued.addingTimeInterval(-Self.minute)
        let decision = schedule(lifetime: 90 * Self.day).decision(now: now, randomUnit: 0.5)
        #expect(decision.renewAt == now)
        #expect(decision.reason.hasPrefix("not valid until"))
    }

    @Test("a certificate whose validity ends before it starts is never valid: renew now")
    func invertedValidityRenewsNow() {
        let decision = RenewalSchedule(notBefore: issued, notAfter: issued.addingTimeInterval(-Self.day))
            .decision(now: issued, randomUnit: 0.5)
        #expect(decision.renewAt == issued)
    }

    // MARK: With ARI

    @Test("with ARI, the moment is start + u × (end − start), whatever the lifetime rule says", arguments: lifetimes)
    func renewalInformationWindowIsRespected(lifetime: TimeInterval) {
        // A window in the second half of validity; for short lifetimes it even lies past the third-left point.
        let start = issued.addingTimeInterval(lifetime * 0.6)
        let end = issued.addingTimeInterval(lifetime * 0.8)
        let schedule = schedule(lifetime: lifetime, renewalInformation: ACMERenewalInfo(suggestedWindowStart: start, suggestedWindowEnd: end))
        for randomUnit in Self.randomUnits {
            let decision = schedule.decision(now: issued, randomUnit: randomUnit)
            #expect(decision.renewAt == start.addingTimeInterval(randomUnit * end.timeIntervalSince(start)))
            #expect(decision.renewAt >= start && decision.renewAt <= end, "u = \(randomUnit)")
            #expect(decision.reason.hasPrefix("ARI window"))
        }
    }

    @Test("with ARI, a window already past means now")
    func pastWindowRenewsNow() {
        let start = issued.addingTimeInterval(10 * Self.day)
        let end = issued.addingTimeInterval(12 * Self.day)
        let schedule = schedule(lifetime: 90 * Self.day, renewalInformation: ACMERenewalInfo(suggestedWindowStart: start, suggestedWindowEnd: end))
        for now in [end, end.addingTimeInterval(1), end.addingTimeInterval(30 * Self.day)] {
            for randomUnit in [0, 0.5, 0.999] {
                let decision = schedule.decision(now: now, randomUnit: randomUnit)
                #expect(decision.renewAt == now)
                #expect(decision.reason.hasSuffix("has passed"))
            }
        }
    }

    @Test("with ARI, a chosen moment that has passed inside a current window means now; a later one waits")
    func windowUnderway() {
        let start = issued.addingTimeInterval(50 * Self.day)
        let end = issued.addingTimeInterval(52 * Self.day)
        let now = issued.addingTimeInterval(51 * Self.day)
        let schedule = schedule(lifetime: 90 * Self.day, renewalInformation: ACMERenewalInfo(suggestedWindowStart: start, suggestedWindowEnd: end))
        #expect(schedule.decision(now: now, randomUnit: 0.25).renewAt == now)
        #expect(schedule.decision(now: now, randomUnit: 0.75).renewAt == start.addingTimeInterval(1.5 * Self.day))
    }

    @Test("with ARI, a window reaching past expiry is cut at notAfter")
    func windowPastExpiryIsCut() {
        let schedule = schedule(
            lifetime: 6 * Self.day,
            renewalInformation: ACMERenewalInfo(
                suggestedWindowStart: issued.addingTimeInterval(5 * Self.day),
                suggestedWindowEnd: issued.addingTimeInterval(9 * Self.day)
            )
        )
        let insideValidity = schedule.decision(now: issued, randomUnit: 0.1).renewAt
        #expect(abs(insideValidity.timeIntervalSince(issued) - 5.4 * Self.day) < 1e-3)
        for randomUnit in [0.25, 0.5, 0.999] {
            #expect(schedule.decision(now: issued, randomUnit: randomUnit).renewAt == schedule.notAfter)
        }
    }

    @Test(
        "ARI's Retry-After decides when to look again, clamped to a minute and a day",
        arguments: [
            (0.0, 60.0), (1, 60), (59, 60), (60, 60), (61, 61), (3_600, 3_600), (86_400, 86_400), (86_401, 86_400),
            (2_592_000, 86_400), (-3_600, 60),
        ] as [(TimeInterval, TimeInterval)])
    func retryAfterIsClamped(retryAfter: TimeInterval, expectedDelay: TimeInterval) {
        let now = issued.addingTimeInterval(Self.day)
        let schedule = schedule(
            lifetime: 90 * Self.day,
            renewalInformation: ACMERenewalInfo(
                suggestedWindowStart: issued.addingTimeInterval(59 * Self.day),
                suggestedWindowEnd: issued.addingTimeInterval(61 * Self.day),
                retryAfter: now.addingTimeInterval(retryAfter)
            )
        )
        #expect(schedule.decision(now: now, randomUnit: 0.5).checkAgainAt == now.addingTimeInterval(expectedDelay))
    }

    @Test("without a Retry-After, ARI is fetched again in six hours, even when renewing now")
    func missingRetryAfter() {
        let now = issued.addingTimeInterval(Self.day)
        for windowStart in [59 * Self.day, 0] {
            let schedule = schedule(
                lifetime: 90 * Self.day,
                renewalInformation: ACMERenewalInfo(
                    suggestedWindowStart: issued.addingTimeInterval(windowStart),
                    suggestedWindowEnd: issued.addingTimeInterval(windowStart + Self.hour)
                )
            )
            #expect(schedule.decision(now: now, randomUnit: 0.5).checkAgainAt == now.addingTimeInterval(6 * Self.hour))
        }
    }

    // MARK: Backoff

    @Test("the ledger's backoff beats every rule", arguments: lifetimes)
    func backoffBeatsEverything(lifetime: TimeInterval) {
        let backoff = issued.addingTimeInterval(lifetime + Self.day)
        let ariWindow = ACMERenewalInfo(suggestedWindowStart: issued, suggestedWindowEnd: issued.addingTimeInterval(lifetime / 2))
        let withoutARI = schedule(lifetime: lifetime, nextAttemptAllowed: backoff)
        let withARI = schedule(lifetime: lifetime, renewalInformation: ariWindow, nextAttemptAllowed: backoff)
        let situations: [(name: String, schedule: RenewalSchedule, now: Date)] = [
            ("lifetime rule", withoutARI, issued),
            ("ARI window", withARI, issued),
            ("ARI window passed", withARI, issued.addingTimeInterval(lifetime * 0.9)),
            ("expired", withoutARI, issued.addingTimeInterval(lifetime)),
            ("not valid yet", withoutARI, issued.addingTimeInterval(-1)),
        ]
        for situation in situations {
            for randomUnit in Self.randomUnits {
                let decision = situation.schedule.decision(now: situation.now, randomUnit: randomUnit)
                #expect(decision.renewAt == backoff, "\(situation.name), u = \(randomUnit)")
                #expect(decision.reason.hasPrefix("backoff until"))
            }
        }
    }

    @Test("a backoff that ends before the planned moment changes nothing")
    func pastBackoffIsIgnored() {
        let planned = schedule(lifetime: 90 * Self.day).decision(now: issued, randomUnit: 0.5)
        let backedOff = schedule(lifetime: 90 * Self.day, nextAttemptAllowed: planned.renewAt.addingTimeInterval(-1))
        #expect(backedOff.decision(now: issued, randomUnit: 0.5) == planned)
    }

    @Test("with a backoff, looking again follows the backoff without ARI and ARI's Retry-After with it")
    func backoffAndLookingAgain() {
        let now = issued.addingTimeInterval(70 * Self.day)
        let backoff = now.addingTimeInterval(100 * Self.minute)
        let withoutARI = schedule(lifetime: 90 * Self.day, nextAttemptAllowed: backoff).decision(now: now, randomUnit: 0.5)
        #expect(withoutARI.checkAgainAt == backoff)
        let withARI = schedule(
            lifetime: 90 * Self.day,
            renewalInformation: ACMERenewalInfo(
                suggestedWindowStart: issued.addingTimeInterval(59 * Self.day),
                suggestedWindowEnd: issued.addingTimeInterval(61 * Self.day),
                retryAfter: now.addingTimeInterval(Self.hour)
            ),
            nextAttemptAllowed: backoff
        ).decision(now: now, randomUnit: 0.5)
        #expect(withARI.renewAt == backoff)
        #expect(withARI.checkAgainAt == now.addingTimeInterval(Self.hour))
    }
}
