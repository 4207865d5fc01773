import Foundation
import SidecertACME
import Testing

@testable import Sidecert
@testable import SidecertDaemon

/// The renewal loop's decisions with a fixed clock: what it does with nothing on the volume, with a
/// certificate not yet due, when due, after failures, and with the CA's renewal window.
struct RenewalStepTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func certificate(lifetime: TimeInterval, age: TimeInterval, usable: Bool = true, version: String = "v1") -> RenewalStep.Current {
        RenewalStep.Current(
            version: version, notBefore: now.addingTimeInterval(-age), notAfter: now.addingTimeInterval(lifetime - age), isUsable: usable)
    }

    func step(
        _ current: RenewalStep.Current?, gateOpensAt: Date? = nil, lastFailure: Date? = nil, information: ACMERenewalInfo? = nil,
        randomUnit: Double = 0
    ) -> RenewalStep {
        RenewalStep.next(
            current: current, gateOpensAt: gateOpensAt, lastFailure: lastFailure, retryFloor: 60, renewalInformation: information, now: now,
            randomUnit: randomUnit)
    }

    @Test func nothingOnTheVolumeIssuesAtOnce() {
        guard case .issue(.ensure, _) = step(nil) else { Issue.record("expected an issuance, got \(step(nil))"); return }
    }

    @Test func anUnusableCertificateIsReplacedAtOnce() {
        let placeholder = certificate(lifetime: 86_400, age: 60, usable: false, version: "p-placeholder")
        guard case .issue(.ensure, let reason) = step(placeholder) else { Issue.record("expected an issuance"); return }
        #expect(reason.contains("not usable"))
    }

    @Test func nothingUsableWaitsForTheLedgerAndTheFloor() {
        let opens = now.addingTimeInterval(600)
        #expect(step(nil, gateOpensAt: opens) == .wait(until: opens, renewAt: opens, reason: step(nil, gateOpensAt: opens).reason))
        let failedJustNow = step(nil, lastFailure: now.addingTimeInterval(-10))
        guard case .wait(let until, _, _) = failedJustNow else { Issue.record("expected a wait"); return }
        #expect(until == now.addingTimeInterval(50))
        // The later of the two wins.
        guard case .wait(let later, _, _) = step(nil, gateOpensAt: now.addingTimeInterval(5), lastFailure: now) else {
            Issue.record("expected a wait")
            return
        }
        #expect(later == now.addingTimeInterval(60))
    }

    /// Lifetimes from 60 seconds to 90 days, and when each is due with no jitter: at half the lifetime
    /// for 10 days or less, else with a third left.
    static let lifetimes: [(lifetime: TimeInterval, renewAfter: TimeInterval)] = [
        (60, 30), (6 * 86_400, 3 * 86_400), (45 * 86_400, 30 * 86_400), (90 * 86_400, 60 * 86_400),
    ]

    @Test(arguments: lifetimes)
    func aFreshCertificateWaitsUntilItsRenewalPoint(lifetime: TimeInterval, renewAfter: TimeInterval) {
        let fresh = certificate(lifetime: lifetime, age: 0)
        guard case .wait(let until, let renewAt, _) = step(fresh) else { Issue.record("expected a wait"); return }
        #expect(until == renewAt)
        #expect(abs(renewAt.timeIntervalSince(now) - renewAfter) < 0.001)
        // Past that point it renews, replacing exactly this version.
        let due = certificate(lifetime: lifetime, age: renewAfter + 1)
        #expect(step(due) == .issue(.replace(version: "v1"), reason: step(due).reason))
    }

    @Test func aDueCertificateAfterAFailureWaitsForTheFloorThenRenews() {
        let due = certificate(lifetime: 60, age: 45)
        guard case .wait(let until, _, _) = step(due, lastFailure: now.addingTimeInterval(-20)) else { Issue.record("expected a wait"); return }
        #expect(until == now.addingTimeInterval(40))
        guard case .issue = step(due, lastFailure: now.addingTimeInterval(-61)) else { Issue.record("expected an issuance"); return }
    }

    @Test func theLedgerBackoffPostponesADueRenewal() {
        let due = certificate(lifetime: 90 * 86_400, age: 70 * 86_400)
        let opens = now.addingTimeInterval(6_000)
        guard case .wait(_, let renewAt, let reason) = step(due, gateOpensAt: opens) else { Issue.record("expected a wait"); return }
        #expect(renewAt == opens)
        #expect(reason.contains("backoff"))
    }

    @Test func theRenewalWindowIsFetchedAgainBeforeItOpens() {
        let fresh = certificate(lifetime: 90 * 86_400, age: 86_400)
        let information = ACMERenewalInfo(
            suggestedWindowStart: now.addingTimeInterval(20 * 86_400), suggestedWindowEnd: now.addingTimeInterval(22 * 86_400),
            retryAfter: now.addingTimeInterval(3_600))
        guard case .wait(let until, let renewAt, _) = step(fresh, information: information, randomUnit: 0.5) else {
            Issue.record("expected a wait")
            return
        }
        #expect(until == now.addingTimeInterval(3_600))
        #expect(renewAt == now.addingTimeInterval(21 * 86_400))
    }

    @Test func aWindowThatHasOpenedRenewsNow() {
        let fresh = certificate(lifetime: 90 * 86_400, age: 86_400)
        let information = ACMERenewalInfo(suggestedWindowStart: now.addingTimeInterval(-60), suggestedWindowEnd: now.addingTimeInterval(-1))
        #expect(step(fresh, information: information) == .issue(.replace(version: "v1"), reason: step(fresh, information: information).reason))
    }
}

extension RenewalStep {
    /// The reason, whatever the step.
    var reason: String {
        switch self {
        case .issue(_, let reason), .wait(_, _, let reason): reason
        }
    }
}
