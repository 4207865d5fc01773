#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IssuanceLedger {
    /// Records a successful order: the attempt and the certificate it produced.
    package mutating func recordSuccess(names: Set<String>, serial: String, now: Date) {
        recordSuccess(names: names, serials: [serial], now: now)
    }

    /// Records a successful issuance of one certificate per key type: the attempt, and every certificate (the
    /// CA's duplicate limit counts each).
    package mutating func recordSuccess(names: Set<String>, serials: [String], now: Date) {
        record(Attempt(time: now, names: names, result: .succeeded))
        for serial in serials {
            record(IssuedCertificate(time: now, names: names, serial: serial))
        }
    }

    /// Records a failed order and the names whose validation failed in it.
    ///
    /// - Parameters:
    ///   - problemType: the ACME problem type URN, when the CA sent a problem document.
    ///   - retryAfter: the CA's `Retry-After`, as an absolute time.
    ///   - failedValidations: the identifiers whose authorizations the CA marked invalid.
    package mutating func recordFailure(
        names: Set<String>,
        problemType: String?,
        detail: String?,
        retryAfter: Date?,
        failedValidations: [String],
        now: Date
    ) {
        record(Attempt(time: now, names: names, result: .failed, problemType: problemType, detail: detail, retryAfter: retryAfter))
        for name in failedValidations {
            record(FailedValidation(time: now, name: name))
        }
    }

    /// Records an order the CA fulfilled but that left nothing usable on the volume (not published, or not
    /// what the request needs): the certificate counts against the CA's duplicate limit, and the attempt is a
    /// failure, so the next one backs off instead of ordering the same again at once.
    package mutating func recordUnusedIssuance(names: Set<String>, count: Int = 1, why: String, now: Date) {
        for _ in 0..<count {
            record(IssuedCertificate(time: now, names: names, serial: "unused"))
        }
        recordFailure(names: names, problemType: nil, detail: why, retryAfter: nil, failedValidations: [], now: now)
    }

    /// This ledger without its last attempt when that one is `started`: for a replica that has not taken the
    /// lease yet while another holds it, whose order is under way, not failed. (Under the lease, a `started`
    /// entry is an interrupted attempt and counts.)
    package func withoutAttemptInProgress() -> IssuanceLedger {
        var ledger = self
        ledger.withdrawStartedAttempt()
        return ledger
    }

    /// Takes back the `started` entry of an attempt that ordered nothing, so that it imposes no backoff.
    package mutating func withdrawStartedAttempt() {
        if attempts.last?.result == .started { attempts.removeLast() }
    }

    /// The attempts since the last success, oldest first; `.started` ones were interrupted and count as failures.
    package var failuresSinceLastSuccess: ArraySlice<Attempt> {
        let lastSuccess = attempts.lastIndex { $0.result == .succeeded }
        return attempts[(lastSuccess.map { $0 + 1 } ?? 0)...]
    }

    /// How many attempts failed in a row since the last success (drives the backoff; shown by `status`).
    package var consecutiveFailures: Int { failuresSinceLastSuccess.count }

    /// The most recent failed attempt since the last success.
    package var lastFailure: Attempt? { failuresSinceLastSuccess.last }

    /// When the backoff allows the next attempt; nil when it does not hold any back.
    package func nextAttemptAllowed(backoff: BackoffSchedule = BackoffSchedule()) -> Date? {
        backoff.nextAttemptAllowed(for: self)
    }
}
