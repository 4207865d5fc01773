import SidecertACME
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// When `sidecert run` renews one certificate: a pure function of the certificate's validity, the CA's
/// renewal information (ARI, RFC 9773) if it offers any, the ledger's backoff, the clock and a random number,
/// so that every rule is tested with a fixed clock and no sleeps.
///
/// The random number comes from the caller, never from a generator in here: tests stay deterministic, and
/// the daemon can draw one per certificate version so that deciding again does not move the moment.
///
/// The rules, in order:
/// 1. A certificate outside its validity (expired, or not valid yet) is not usable, as `ensure` sees it:
///    renew now.
/// 2. With ARI, a uniformly random moment in the CA's suggested window; a moment already past means now
///    (RFC 9773's recommended algorithm). Never later than `notAfter`, so a window past expiry cannot leave an expired
///    certificate being served. The CA's `Retry-After`, clamped, says when to fetch the window again.
/// 3. Without ARI, when a third of the lifetime is left (half for 10 days or less), as
///    `InstalledCertificate.renewalDate(notBefore:notAfter:)` says, moved earlier by a random jitter so
///    that certificates issued together are not all renewed in the same minute.
/// 4. Never before the ledger allows the next attempt: the backoff after failures and the CA's rate
///    limits win over every rule above.
package struct RenewalSchedule: Sendable {
    /// The share of the lifetime over which the jitter spreads renewals: 10 % spreads a 6-day certificate over
    /// about 14 hours before its halfway point, far from expiry. It must stay under half, the earliest renewal
    /// point, so that the jitter can never reach `notBefore`.
    package static let jitterFractionOfLifetime = 0.1
    /// The most the jitter moves a renewal earlier: two days, Let's Encrypt's integration guide's "some a
    /// day early, some two days early", so certificates issued together (a hosting provider's bulk first
    /// issuance) come due over days, not in one burst; longer would only shorten a long certificate's life.
    package static let maximumJitter: TimeInterval = 2 * 86_400
    /// How far apart ARI fetches may be, whatever the CA's `Retry-After` says: at least a minute so that a
    /// CA's zero cannot make us hammer it, at most a day so that a moved window is seen in time
    /// (the bounds RFC 9773 suggests).
    package static let renewalInformationRecheckLimits: ClosedRange<TimeInterval> = 60...86_400
    /// When to fetch ARI again if the CA sent no `Retry-After`: six hours, what Let's Encrypt sends.
    package static let defaultRenewalInformationRecheck: TimeInterval = 6 * 3_600

    /// The certificate's start of validity.
    package var notBefore: Date
    /// The certificate's end of validity.
    package var notAfter: Date
    /// The CA's answer for this certificate; nil when the CA does not offer ARI.
    package var renewalInformation: ACMERenewalInfo?
    /// The earliest moment the ledger allows an order: `IssuanceLedger.gate`'s `until` when it refuses,
    /// nil when it proceeds.
    package var nextAttemptAllowed: Date?

    /// Creates the schedule of one certificate.
    package init(notBefore: Date, notAfter: Date, renewalInformation: ACMERenewalInfo? = nil, nextAttemptAllowed: Date? = nil) {
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.renewalInformation = renewalInformation
        self.nextAttemptAllowed = nextAttemptAllowed
    }

    /// Decides when to renew.
    ///
    /// - Parameters:
    ///   - now: the current time.
    ///   - randomUnit: a uniformly random number in `0..<1`, the caller's, so that tests can fix it.
    package func decision(now: Date, randomUnit: Double) -> RenewalDecision {
        precondition((0..<1).contains(randomUnit), "randomUnit must be in 0..<1, not \(randomUnit)")
        let planned = plannedDecision(now: now, randomUnit: randomUnit)
        guard let nextAttemptAllowed, nextAttemptAllowed > planned.renewAt else { return planned }
        return RenewalDecision(
            renewAt: nextAttemptAllowed,
            reason: "backoff until \(nextAttemptAllowed.formatted(.iso8601)) (otherwise: \(planned.reason))",
            checkAgainAt: renewalInformation == nil ? nextAttemptAllowed : planned.checkAgainAt
        )
    }

    /// The decision before the ledger has its say.
    private func plannedDecision(now: Date, randomUnit: Double) -> RenewalDecision {
        if now >= notAfter {
            return RenewalDecision(renewAt: now, reason: "expired at \(notAfter.formatted(.iso8601))", checkAgainAt: now)
        }
        if now < notBefore {
            return RenewalDecision(renewAt: now, reason: "not valid until \(notBefore.formatted(.iso8601))", checkAgainAt: now)
        }
        if let renewalInformation {
            return renewalInformationDecision(renewalInformation, now: now, randomUnit: randomUnit)
        }
        return lifetimeDecision(now: now, randomUnit: randomUnit)
    }

    private func renewalInformationDecision(_ information: ACMERenewalInfo, now: Date, randomUnit: Double) -> RenewalDecision {
        let start = information.suggestedWindowStart
        let end = information.suggestedWindowEnd
        let checkAgainAt = Self.renewalInformationRecheck(retryAfter: information.retryAfter, now: now)
        let window = "ARI window \(start.formatted(.iso8601)) to \(end.formatted(.iso8601))"
        if now >= end {
            return RenewalDecision(renewAt: now, reason: "\(window) has passed", checkAgainAt: checkAgainAt)
        }
        let moment = start.addingTimeInterval(randomUnit * end.timeIntervalSince(start))
        if moment > notAfter {
            return RenewalDecision(renewAt: notAfter, reason: "\(window) ends after expiry; renewing at expiry", checkAgainAt: checkAgainAt)
        }
        return RenewalDecision(renewAt: max(moment, now), reason: window, checkAgainAt: checkAgainAt)
    }

    private func lifetimeDecision(now: Date, randomUnit: Double) -> RenewalDecision {
        let lifetime = notAfter.timeIntervalSince(notBefore)
        let dueDate = InstalledCertificate.renewalDate(notBefore: notBefore, notAfter: notAfter)
        let jitter = randomUnit * min(lifetime * Self.jitterFractionOfLifetime, Self.maximumJitter)
        let renewAt = max(dueDate.addingTimeInterval(-jitter), now)
        let leftPercent = Int((100 * notAfter.timeIntervalSince(dueDate) / lifetime).rounded())
        return RenewalDecision(
            renewAt: renewAt,
            reason: "\(leftPercent)% of the lifetime left, \(Int(jitter.rounded())) s early to spread the fleet",
            checkAgainAt: renewAt
        )
    }

    /// When to fetch ARI again: the CA's `Retry-After` kept within ``renewalInformationRecheckLimits``.
    package static func renewalInformationRecheck(retryAfter: Date?, now: Date) -> Date {
        guard let retryAfter else { return now.addingTimeInterval(defaultRenewalInformationRecheck) }
        let limits = renewalInformationRecheckLimits
        let delay = min(max(retryAfter.timeIntervalSince(now), limits.lowerBound), limits.upperBound)
        return now.addingTimeInterval(delay)
    }
}
