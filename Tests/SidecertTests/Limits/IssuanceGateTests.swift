import Foundation
import SidecertACME
import SidecertVolume
import Testing

@testable import Sidecert

/// The guards with a fixed clock: the backoff, the CA's limits as it states them, the ARI exemption, and
/// the promise that a usable certificate never expires without one last attempt.
struct IssuanceGateTests {
    let names: Set<String> = ["example.com", "www.example.com"]
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let minute: TimeInterval = 60
    let hour: TimeInterval = 3_600
    let day: TimeInterval = 86_400

    let letsEncrypt = IssuanceGate(limits: .letsEncrypt)
    let privateCA = IssuanceGate(limits: .unstated)

    func failures(_ count: Int, endingAt end: Date) -> [IssuanceLedger.Attempt] {
        (0..<count).map { index in
            IssuanceLedger.Attempt(
                time: end.addingTimeInterval(-Double(count - 1 - index)), names: names, result: .failed,
                problemType: "urn:ietf:params:acme:error:connection", detail: "timeout")
        }
    }

    func issued(_ times: [Date]) -> IssuanceLedger {
        IssuanceLedger(issued: times.enumerated().map { IssuanceLedger.IssuedCertificate(time: $1, names: names, serial: "0\($0)") })
    }

    /// A 90-day certificate issued 60 days ago: due, far from expiry.
    func renewal(lifetime: TimeInterval = 90 * 86_400, left: TimeInterval = 30 * 86_400, sendsReplaces: Bool = false) -> IssuanceGate.Renewal {
        IssuanceGate.Renewal(serial: "aa", notBefore: now + left - lifetime, notAfter: now + left, sendsReplaces: sendsReplaces)
    }

    @Test func everyMomentOfTheBackoffAgreesWithTheGate() {
        let schedule = BackoffSchedule()
        for count in 0...6 {
            let ledger = IssuanceLedger(attempts: failures(count, endingAt: now))
            let delay = schedule.delay(afterConsecutiveFailures: count)
            for step in stride(from: 0.0, through: 2 * day, by: 97) {
                let decision = privateCA.decision(ledger: ledger, names: names, renewing: nil, now: now + step, force: false)
                #expect((decision == .proceed) == (step >= delay), "failures \(count), \(step) s later")
                if case .refuse(let until, let reason, let risk) = decision {
                    #expect(until == now + delay)
                    #expect(reason.contains("timeout") && !risk)
                }
            }
        }
    }

    @Test func letsEncryptsDuplicateLimitIsABucketThatRefills() {
        let burst = issued(Array(repeating: now - hour, count: 5))
        guard case .refuse(let until, let reason, false) = letsEncrypt.decision(ledger: burst, names: names, renewing: nil, now: now, force: false)
        else {
            Issue.record("a sixth certificate right after five must wait")
            return
        }
        #expect(until == now - hour + 7 * day / 5, "one certificate comes back after 33.6 hours, not 7 days")
        #expect(reason.contains("duplicate limit"))
        #expect(letsEncrypt.decision(ledger: burst, names: names, renewing: nil, now: until, force: false) == .proceed)
        // Names compare as a set, case-insensitively; another set of names has its own bucket.
        #expect(letsEncrypt.decision(ledger: burst, names: ["WWW.example.com", "example.com"], renewing: nil, now: now, force: false) != .proceed)
        #expect(letsEncrypt.decision(ledger: burst, names: ["example.com"], renewing: nil, now: now, force: false) == .proceed)
    }

    @Test func aCAThatStatesNoLimitsIsNotGuessedAt() {
        let many = issued((0..<20).map { now - Double($0) * minute })
        #expect(privateCA.decision(ledger: many, names: names, renewing: nil, now: now, force: false) == .proceed)
        #expect(IssuanceGate(limits: .stated(by: URL(string: "https://ca.internal/acme/directory")!)).limits == .unstated)
        #expect(IssuanceGate(limits: .stated(by: IssuerChoice.letsEncryptProduction)).limits == .letsEncrypt)
        #expect(IssuanceGate(limits: .stated(by: nil)).limits == .unstated)
    }

    @Test func aCAThatAnsweredRateLimitedForALimitIsHeldToIt() {
        var ledger = issued(Array(repeating: now - hour, count: 5))
        ledger.record(
            IssuanceLedger.Attempt(
                time: now - 2 * day, names: names, result: .failed, problemType: ACMEProblemType.rateLimited.rawValue,
                detail: "too many certificates (5) already issued for this exact set of identifiers in the last 168h0m0s"))
        ledger.record(IssuanceLedger.Attempt(time: now - 2 * day + 1, names: names, result: .succeeded))
        guard case .refuse(_, let reason, _) = privateCA.decision(ledger: ledger, names: names, renewing: nil, now: now, force: false) else {
            Issue.record("the CA said it limits duplicates")
            return
        }
        #expect(reason.contains("duplicate limit"))
    }

    @Test func renewalsThatNameWhatTheyReplaceAreExemptAtLetsEncrypt() {
        let burst = issued(Array(repeating: now - hour, count: 5))
        let ari = renewal(sendsReplaces: true)
        #expect(letsEncrypt.decision(ledger: burst, names: names, renewing: ari, now: now, force: false) == .proceed)
        #expect(letsEncrypt.decision(ledger: burst, names: names, renewing: renewal(), now: now, force: false) != .proceed)
        // The exemption is the CA's: the fleet's own backoff still applies.
        var failing = burst
        failing.attempts = failures(2, endingAt: now)
        #expect(letsEncrypt.decision(ledger: failing, names: names, renewing: ari, now: now, force: false).opensAt == now + 10 * minute)
    }

    @Test func fiveFailedValidationsOfANameWithinTheHourWaitForTheBucket() {
        // Five failures in five minutes: the bucket (one back every 12 minutes) is empty for a while.
        let times = (0..<5).map { now - Double(5 - $0) * minute }
        var ledger = IssuanceLedger(failedValidations: times.map { IssuanceLedger.FailedValidation(time: $0, name: "WWW.example.com") })
        ledger.record(IssuanceLedger.FailedValidation(time: now, name: "example.com"))
        guard case .refuse(let until, let reason, _) = letsEncrypt.decision(ledger: ledger, names: names, renewing: nil, now: now, force: false)
        else {
            Issue.record("a sixth validation failure within the bucket must wait")
            return
        }
        #expect(reason.contains("www.example.com"))
        #expect(until > now && until <= now + 12 * minute)
        #expect(letsEncrypt.decision(ledger: ledger, names: names, renewing: nil, now: until, force: false) == .proceed)
        #expect(letsEncrypt.decision(ledger: ledger, names: ["example.com"], renewing: nil, now: now, force: false) == .proceed)
    }

    @Test func forceOverridesEveryGuard() {
        var ledger = issued(Array(repeating: now, count: 5))
        ledger.attempts = failures(4, endingAt: now)
        #expect(letsEncrypt.decision(ledger: ledger, names: names, renewing: renewal(left: 60), now: now, force: true) == .proceed)
    }

    @Test func aGuardThatEndsBeforeExpiryIsNoRisk() {
        let ledger = IssuanceLedger(attempts: failures(1, endingAt: now))
        #expect(
            privateCA.decision(ledger: ledger, names: names, renewing: renewal(), now: now, force: false)
                == .refuse(until: now + minute, reason: ledger.backoffReason(nextAllowed: now + minute), expiryAtRisk: false))
    }

    @Test(
        "a guard reaching past expiry: planned last chance, taken once, then refused loudly",
        arguments: [60.0, 86_400.0, 6 * 86_400.0, 90 * 86_400.0])
    func aGuardReachingPastExpiryAllowsOneLastChance(lifetime: TimeInterval) {
        // Due, and more than the last-chance margin (a sixth of the lifetime, at most a day) from expiry.
        let left = lifetime <= day ? lifetime / 2 : 2 * day
        let certificate = renewal(lifetime: lifetime, left: left)
        var ledger = issued(Array(repeating: certificate.notBefore, count: 5))
        // The CA said to come back in 100 days: the guards reach past expiry whatever the lifetime.
        ledger.record(
            IssuanceLedger.Attempt(
                time: now, names: names, result: .failed, problemType: ACMEProblemType.rateLimited.rawValue, detail: "slow down",
                retryAfter: now + 100 * day))
        let lastChance = IssuanceGate.lastChanceMoment(notBefore: certificate.notBefore, notAfter: certificate.notAfter)
        #expect(lastChance > now && lastChance < certificate.notAfter)
        #expect(certificate.notAfter.timeIntervalSince(lastChance) == min(lifetime / 6, day))

        guard
            case .refuse(let until, let reason, true) = letsEncrypt.decision(
                ledger: ledger, names: names, renewing: certificate, now: now, force: false)
        else {
            Issue.record("the guards reach past expiry: the refusal must say the certificate is at risk")
            return
        }
        #expect(until == lastChance, "the wait ends at the last chance, before expiry")
        #expect(reason.contains("expires at") && reason.contains("one last attempt is planned"))

        guard case .lastChance(let why) = letsEncrypt.decision(ledger: ledger, names: names, renewing: certificate, now: lastChance, force: false)
        else {
            Issue.record("at the last chance the gate must let one order go")
            return
        }
        #expect(why.contains("one last attempt is made now"))

        ledger.recordLastChance(serial: certificate.serial, now: lastChance)
        ledger.record(IssuanceLedger.Attempt(time: lastChance + 1, names: names, result: .failed, detail: "still down"))
        guard
            case .refuse(let after, let again, true) = letsEncrypt.decision(
                ledger: ledger, names: names, renewing: certificate, now: lastChance + 2, force: false)
        else {
            Issue.record("after the last chance the gate refuses, still flagging the risk")
            return
        }
        #expect(after >= certificate.notAfter)
        #expect(again.contains("the one last attempt before expiry was made"))
        // Another certificate (renewed after all, or imported) gets its own last chance.
        var next = certificate
        next.serial = "bb"
        #expect(isLastChance(letsEncrypt.decision(ledger: ledger, names: names, renewing: next, now: lastChance + 2, force: false)))
    }

    private func isLastChance(_ decision: IssuanceGateDecision) -> Bool {
        if case .lastChance = decision { return true }
        return false
    }
}
