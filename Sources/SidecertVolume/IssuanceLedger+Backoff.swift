#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IssuanceLedger {
    /// Why the backoff holds the next attempt back, in one line for the operator: how many failures, the
    /// last one's cause in a few words (the whole error was printed when it happened, and `status` keeps it),
    /// when the next attempt is allowed, and that the wait grows with each failure in a row.
    package func backoffReason(nextAllowed: Date) -> String {
        let last = lastFailure
        let count = consecutiveFailures == 1 ? "1 failed attempt" : "\(consecutiveFailures) consecutive failed attempts"
        let cause = last.flatMap(Self.shortCause).map { " (\($0))" } ?? ""
        return "\(count), the last at \(last?.time.formatted(.iso8601) ?? "?")\(cause); the next attempt is allowed at "
            + "\(nextAllowed.formatted(.iso8601)), and the wait grows with each failure in a row (1 m, 10 m, 100 m, then 1 d)"
    }

    /// The failure's cause in a few words: the CA's problem type without its namespace, and the error's first
    /// clause (up to its first ". " or ": ").
    private static func shortCause(_ attempt: Attempt) -> String? {
        let type = attempt.problemType.map { $0.replacing("urn:ietf:params:acme:error:", with: "") }
        let clause = attempt.detail.map { detail in
            let ends = [". ", ": "].compactMap { detail.firstRange(of: $0)?.lowerBound }
            let clause = String(detail[..<(ends.min() ?? detail.endIndex)])
            return clause.count > 120 ? String(clause.prefix(119)) + "…" : clause
        }
        let parts = [type, clause].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: ": ")
    }
}
