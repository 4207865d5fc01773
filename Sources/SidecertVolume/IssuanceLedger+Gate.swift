import Foundation

extension IssuanceLedger {
    /// Let's Encrypt's duplicate-certificate limit: this many certificates for one exact set of names…
    public static let duplicateCertificateLimit = 5
    /// …within this window.
    public static let duplicateCertificateWindow: TimeInterval = 7 * 86_400
    /// Let's Encrypt's failed-validation limit: this many failed authorizations for one name…
    public static let failedValidationLimit = 5
    /// …within this window.
    public static let failedValidationWindow: TimeInterval = 3_600

    /// Whether an order for `names` may go to the CA at `now`.
    ///
    /// Refuses inside the backoff window after failures, before a sixth certificate for the same names
    /// within 7 days, and once a name has failed validation 5 times in the last hour. When several rules
    /// refuse, the answer is the latest time at which all of them allow. `force` (the operator's
    /// override) always proceeds.
    public func gate(names: Set<String>, now: Date, force: Bool, backoff: BackoffSchedule = BackoffSchedule()) -> LedgerDecision {
        guard !force else { return .proceed }
        var refusals: [(until: Date, reason: String)] = []
        if let next = nextAttemptAllowed(backoff: backoff), next > now {
            refusals.append((next, backoffReason(nextAllowed: next)))
        }
        let requested = Self.normalized(names)
        let duplicates = issued.filter { $0.names == requested }.map(\.time)
        if let until = Self.limitReachedUntil(
            duplicates,
            limit: Self.duplicateCertificateLimit,
            window: Self.duplicateCertificateWindow,
            now: now
        ) {
            refusals.append(
                (
                    until,
                    "\(Self.duplicateCertificateLimit) certificates for exactly these names were issued in the last 7 days "
                        + "(the CA's duplicate limit); the next is allowed at \(until.formatted(.iso8601))"
                ))
        }
        for name in requested {
            let failures = failedValidations.filter { $0.name == name }.map(\.time)
            if let until = Self.limitReachedUntil(
                failures,
                limit: Self.failedValidationLimit,
                window: Self.failedValidationWindow,
                now: now
            ) {
                refusals.append(
                    (
                        until,
                        "validation of \(name) failed \(Self.failedValidationLimit) times in the last hour "
                            + "(the CA's limit); fix the challenge setup; the next attempt is allowed at \(until.formatted(.iso8601))"
                    ))
            }
        }
        guard let latest = refusals.max(by: { $0.until < $1.until }) else { return .proceed }
        return .refuse(until: latest.until, reason: latest.reason)
    }

    /// When `times` within `window` before `now` next drop below `limit`, or nil if they already are.
    static func limitReachedUntil(_ times: [Date], limit: Int, window: TimeInterval, now: Date) -> Date? {
        let recent = times.filter { $0 <= now && now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= limit else { return nil }
        return recent[recent.count - limit].addingTimeInterval(window)
    }

    private func backoffReason(nextAllowed: Date) -> String {
        let last = lastFailure
        let cause = [last?.problemType, last?.detail].compactMap { $0 }.joined(separator: ": ")
        let count = consecutiveFailures == 1 ? "1 failed attempt" : "\(consecutiveFailures) consecutive failed attempts"
        return "\(count), the last at \(last?.time.formatted(.iso8601) ?? "?")"
            + (cause.isEmpty ? "" : " (\(cause))")
            + "; the next attempt is allowed at \(nextAllowed.formatted(.iso8601))"
    }
}
