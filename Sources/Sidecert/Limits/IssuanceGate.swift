import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Whether an order may go to the CA now: the fleet's backoff after failures and the CA's own rate limits,
/// weighed against the certificate that is live. A pure function of (ledger, limits, clock), so every rule
/// is tested with a fixed clock.
///
/// The guards exist to keep the fleet from being locked out, never to let a usable certificate expire
/// quietly: when they would hold the next order back until after the live certificate's expiry, the
/// decision says so (`expiryAtRisk`, for the error log, the notify command and a metric) and allows one
/// last attempt before expiry, recorded in the ledger so that the whole fleet makes it once.
package struct IssuanceGate: Sendable {
    /// The CA's limits (see ``CARateLimits/stated(by:)``).
    package var limits: CARateLimits
    package var backoff: BackoffSchedule

    package init(limits: CARateLimits, backoff: BackoffSchedule = BackoffSchedule()) {
        self.limits = limits
        self.backoff = backoff
    }

    /// The usable certificate an order would renew.
    package struct Renewal: Sendable, Equatable {
        package var serial: String
        package var notBefore: Date
        package var notAfter: Date
        /// Whether the order names it in ARI's `replaces` (an ACME certificate renewed at an ACME CA).
        package var sendsReplaces: Bool

        package init(serial: String, notBefore: Date, notAfter: Date, sendsReplaces: Bool) {
            self.serial = serial
            self.notBefore = notBefore
            self.notAfter = notAfter
            self.sendsReplaces = sendsReplaces
        }
    }

    /// Decides whether an order for `names` may go now.
    ///
    /// - Parameters:
    ///   - renewing: the usable certificate the order would renew; nil when there is none.
    ///   - force: the operator's override (`--force`): always proceeds.
    package func decision(ledger: IssuanceLedger, names: Set<String>, renewing: Renewal?, now: Date, force: Bool) -> IssuanceGateDecision {
        guard !force else { return .proceed }
        let refusals = self.refusals(ledger: ledger, names: names, renewing: renewing, now: now)
        guard let latest = refusals.max(by: { $0.until < $1.until }) else { return .proceed }
        guard let renewing, latest.until >= renewing.notAfter else {
            return .refuse(until: latest.until, reason: latest.reason, expiryAtRisk: false)
        }
        let expires = "that is after the certificate in use (serial \(renewing.serial)) expires at \(renewing.notAfter.formatted(.iso8601))"
        if let made = ledger.lastChances.last(where: { $0.serial == renewing.serial }) {
            return .refuse(
                until: latest.until,
                reason: "\(latest.reason); \(expires); the one last attempt before expiry was made at \(made.time.formatted(.iso8601))",
                expiryAtRisk: true)
        }
        let lastChance = Self.lastChanceMoment(notBefore: renewing.notBefore, notAfter: renewing.notAfter)
        if now >= lastChance {
            return .lastChance(reason: "\(latest.reason); \(expires), so one last attempt is made now")
        }
        return .refuse(
            until: lastChance, reason: "\(latest.reason); \(expires), so one last attempt is planned at \(lastChance.formatted(.iso8601))",
            expiryAtRisk: true)
    }

    /// When the last attempt before expiry is made: a sixth of the lifetime before it, at most a day, so that a
    /// transient cause (a CA outage, a refilling bucket) has had as long as possible to clear and a failure
    /// still leaves the frontend serving the old certificate.
    package static func lastChanceMoment(notBefore: Date, notAfter: Date) -> Date {
        let lifetime = notAfter.timeIntervalSince(notBefore)
        return notAfter.addingTimeInterval(-min(lifetime / 6, 86_400))
    }

    /// Every rule that holds the order back, with until when and why.
    private func refusals(ledger: IssuanceLedger, names: Set<String>, renewing: Renewal?, now: Date) -> [(until: Date, reason: String)] {
        var refusals: [(until: Date, reason: String)] = []
        if let next = ledger.nextAttemptAllowed(backoff: backoff), next > now {
            refusals.append((next, ledger.backoffReason(nextAllowed: next)))
        }
        let limits = self.limits.including(announcedIn: ledger)
        if renewing?.sendsReplaces == true, limits.exemptsReplacingRenewals { return refusals }
        let requested = IssuanceLedger.normalized(names)
        if let bucket = limits.duplicateCertificates,
            let until = bucket.nextToken(spentAt: ledger.issued.filter { $0.names == requested }.map(\.time), now: now)
        {
            refusals.append(
                (
                    until,
                    "the CA's duplicate limit for exactly these names is spent (\(bucket.capacity) per \(Self.days(bucket.window)), "
                        + "one back every \(Self.hours(bucket.refillInterval))); the next is allowed at \(until.formatted(.iso8601))"
                ))
        }
        if let bucket = limits.failedValidations {
            for name in requested {
                let failures = ledger.failedValidations.filter { $0.name.lowercased() == name }.map(\.time)
                if let until = bucket.nextToken(spentAt: failures, now: now) {
                    refusals.append(
                        (
                            until,
                            "validation of \(name) failed too often (the CA allows \(bucket.capacity) failures an hour); "
                                + "fix the challenge setup; the next attempt is allowed at \(until.formatted(.iso8601))"
                        ))
                }
            }
        }
        return refusals
    }

    private static func days(_ interval: TimeInterval) -> String { "\(Int((interval / 86_400).rounded())) days" }
    private static func hours(_ interval: TimeInterval) -> String {
        interval >= 3_600 ? "\(Int((interval / 3_600).rounded())) h" : "\(Int((interval / 60).rounded())) min"
    }
}

/// What ``IssuanceGate`` decided.
package enum IssuanceGateDecision: Sendable, Equatable {
    /// Go ahead.
    case proceed
    /// The guards would hold the order back until after the live certificate expires: this is the one
    /// attempt allowed before then. Record it (``SidecertVolume/IssuanceLedger/recordLastChance(serial:now:)``).
    case lastChance(reason: String)
    /// Not before `until`. `expiryAtRisk`: the guards hold the order back past the live certificate's expiry
    /// (`until` is then the last chance, or past expiry once it was taken): say so loudly.
    case refuse(until: Date, reason: String, expiryAtRisk: Bool)

    /// When the next order may go; nil when one may go now.
    package var opensAt: Date? {
        if case .refuse(let until, _, _) = self { return until }
        return nil
    }
}
