import Sidecert
import SidecertACME

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the renewal loop does next: a pure function of what is on the volume, the ledger, the CA's ARI
/// answer and the clock, so that every branch is unit-tested without sleeping.
enum RenewalStep: Equatable, Sendable {
    /// Run ``EnsureOperation`` with this purpose now.
    case issue(EnsurePurpose, reason: String)
    /// Sleep until `until` (or a wake-up), then decide again; `renewAt` is when the next attempt is planned,
    /// later than `until` when the CA's renewal window is to be fetched again first.
    case wait(until: Date, renewAt: Date, reason: String)

    /// The certificate on the volume, as far as the schedule cares.
    struct Current: Equatable, Sendable {
        var version: String?
        var notBefore: Date
        var notAfter: Date
        /// Usable for the request (names, key, usages, validity) and not a placeholder.
        var isUsable: Bool
    }

    /// Decides the next step.
    ///
    /// - Parameters:
    ///   - current: what `live/<name>` holds; nil when nothing loadable.
    ///   - gateOpensAt: when the ledger allows the next order (`IssuanceLedger.gate`'s `until`); nil when it
    ///     allows one now.
    ///   - lastFailure: when this process's last attempt failed in a way the ledger may not record (a wait
    ///     that ran out, refused configuration); nil after a success.
    ///   - retryFloor: the least time between such failures and the next attempt.
    ///   - renewalInformation: the CA's ARI answer for `current`, if any.
    ///   - randomUnit: this version's draw in `0..<1`, for the renewal moment.
    static func next(
        current: Current?, gateOpensAt: Date?, lastFailure: Date?, retryFloor: TimeInterval,
        renewalInformation: ACMERenewalInfo?, now: Date, randomUnit: Double
    ) -> RenewalStep {
        let floor = lastFailure.map { $0.addingTimeInterval(retryFloor) }
        guard let current, current.isUsable else {
            let reason = current == nil ? "no certificate on the volume" : "the certificate on the volume is not usable"
            if let opens = [gateOpensAt, floor].compactMap({ $0 }).max(), opens > now {
                return .wait(until: opens, renewAt: opens, reason: "\(reason); the next attempt is allowed at \(opens.formatted(.iso8601))")
            }
            return .issue(.ensure, reason: reason)
        }
        let decision = RenewalSchedule(
            notBefore: current.notBefore, notAfter: current.notAfter, renewalInformation: renewalInformation, nextAttemptAllowed: gateOpensAt
        ).decision(now: now, randomUnit: randomUnit)
        if decision.renewAt > now {
            return .wait(
                until: min(decision.renewAt, decision.checkAgainAt), renewAt: decision.renewAt,
                reason: "renewal at \(decision.renewAt.formatted(.iso8601)): \(decision.reason)")
        }
        if let floor, floor > now {
            return .wait(until: floor, renewAt: floor, reason: "the last renewal attempt failed; retrying at \(floor.formatted(.iso8601))")
        }
        return .issue(.replace(version: current.version), reason: decision.reason)
    }
}
