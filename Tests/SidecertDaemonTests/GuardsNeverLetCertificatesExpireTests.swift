import Foundation
import SidecertVolume
import Testing

@testable import Sidecert
@testable import SidecertDaemon

/// Two weeks of `run` with 24-hour certificates (step-ca's default) on a fixed clock, through the daemon's
/// own decisions (``RenewalStep`` over ``IssuanceGate``) and a simulated CA that enforces its limits as it
/// states them. Before the guards were modelled this way, the duplicate guard (5 per 7 days) stopped
/// renewals on day 3 and let the certificate expire.
struct GuardsNeverLetCertificatesExpireTests {
    static let day: TimeInterval = 86_400
    let names: Set<String> = ["app.example.com"]
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// What two simulated weeks looked like.
    struct History {
        var issued = 0
        /// Seconds during which no usable certificate was live.
        var expiredFor: TimeInterval = 0
        /// Orders the gate let go although the guards would have refused them.
        var lastChances = 0
        /// Certificates during whose life the gate said the guards reach past expiry.
        var atRisk = Set<String>()
        /// Certificates that expired with no attempt made after they came due.
        var expiredUntried = 0
    }

    /// Runs the daemon's loop for `days` against a CA with `caLimits` (its true bucket), the daemon modelling
    /// `modelled`; `sendsReplaces`: the CA offers ARI and the renewals name what they replace.
    func simulate(days: Double, caLimits: CARateLimits, modelled: CARateLimits, sendsReplaces: Bool) -> History {
        var history = History()
        var ledger = IssuanceLedger()
        var caIssuances: [Date] = []
        var serial = 0
        var current: (serial: String, notBefore: Date, notAfter: Date)?
        var triedSinceDue = false
        var now = start
        let gate = IssuanceGate(limits: modelled)

        func order(lastChance: Bool) {
            if lastChance, let current { ledger.recordLastChance(serial: current.serial, now: now) }
            triedSinceDue = true
            let exempt = sendsReplaces && current != nil && caLimits.exemptsReplacingRenewals
            if !exempt, let bucket = caLimits.duplicateCertificates, let next = bucket.nextToken(spentAt: caIssuances, now: now) {
                ledger.recordFailure(
                    names: names, problemType: "urn:ietf:params:acme:error:rateLimited",
                    detail: "too many certificates (5) already issued for this exact set of identifiers", retryAfter: next,
                    failedValidations: [], now: now)
                return
            }
            serial += 1
            caIssuances.append(now)
            ledger.recordSuccess(names: names, serial: "\(serial)", now: now)
            current = ("\(serial)", now, now + Self.day)
            history.issued += 1
            triedSinceDue = false
        }

        while now < start + days * Self.day {
            let usable = current.map { now < $0.notAfter } ?? false
            if current != nil, !usable {
                if !triedSinceDue { history.expiredUntried += 1 }
                triedSinceDue = true
            }
            let renewing =
                usable
                ? current.map {
                    IssuanceGate.Renewal(serial: $0.serial, notBefore: $0.notBefore, notAfter: $0.notAfter, sendsReplaces: sendsReplaces)
                } : nil
            let decision = gate.decision(ledger: ledger, names: names, renewing: renewing, now: now, force: false)
            if case .refuse(_, _, true) = decision, let current { history.atRisk.insert(current.serial) }
            let step = RenewalStep.next(
                current: current.map { RenewalStep.Current(version: $0.serial, notBefore: $0.notBefore, notAfter: $0.notAfter, isUsable: usable) },
                gateOpensAt: decision.opensAt, lastFailure: nil, retryFloor: 60, renewalInformation: nil, now: now, randomUnit: 0.5)
            switch step {
            case .issue:
                if case .lastChance = decision { history.lastChances += 1 }
                if case .refuse = decision {
                    Issue.record("the loop issued although the gate refused at \(now)")
                    return history
                }
                order(lastChance: { if case .lastChance = decision { return true } else { return false } }())
                now += 1
            case .wait(let until, _, _):
                let next = max(until, now + 1)
                if let current, now < current.notAfter, next > current.notAfter {
                    history.expiredFor += next.timeIntervalSince(current.notAfter)
                } else if let current, now >= current.notAfter {
                    history.expiredFor += next.timeIntervalSince(now)
                }
                now = next
            }
        }
        return history
    }

    @Test("a private CA issuing 24-hour certificates: renewed twice a day for two weeks, never expired")
    func privateCA() {
        let history = simulate(days: 14, caLimits: .unstated, modelled: .unstated, sendsReplaces: true)
        #expect(history.issued >= 27, "about two certificates a day: \(history.issued)")
        #expect(history.expiredFor == 0)
        #expect(history.atRisk.isEmpty && history.lastChances == 0)
    }

    @Test("Let's Encrypt with ARI: renewals name what they replace, are exempt, and never stop")
    func letsEncryptWithReplaces() {
        let history = simulate(days: 14, caLimits: .letsEncrypt, modelled: .letsEncrypt, sendsReplaces: true)
        #expect(history.issued >= 27)
        #expect(history.expiredFor == 0)
        #expect(history.atRisk.isEmpty)
    }

    @Test("Let's Encrypt's limits without ARI: the bucket runs dry, the risk is flagged, one last attempt per certificate")
    func letsEncryptWithoutReplaces() {
        let history = simulate(days: 14, caLimits: .letsEncrypt, modelled: .letsEncrypt, sendsReplaces: false)
        // The CA's own bucket allows about one certificate per 33.6 h once the first five are spent, so
        // some expiry cannot be avoided; what the guard owes is never to let one expire untried, and to say so.
        #expect(history.expiredUntried == 0, "a certificate expired with no attempt after it came due")
        #expect(!history.atRisk.isEmpty, "the risk was flagged")
        #expect(history.lastChances >= 1)
        #expect(history.lastChances <= history.issued, "at most one last chance per certificate")
        #expect(history.issued >= 5 + 8, "the bucket's refills were all used: \(history.issued)")
    }
}
