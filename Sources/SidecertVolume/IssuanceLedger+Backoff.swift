import Foundation

extension IssuanceLedger {
    /// Why the backoff holds the next attempt back, in words for the operator.
    public func backoffReason(nextAllowed: Date) -> String {
        let last = lastFailure
        let cause = [last?.problemType, last?.detail].compactMap { $0 }.joined(separator: ": ")
        let count = consecutiveFailures == 1 ? "1 failed attempt" : "\(consecutiveFailures) consecutive failed attempts"
        return "\(count), the last at \(last?.time.formatted(.iso8601) ?? "?")"
            + (cause.isEmpty ? "" : " (\(cause))")
            + "; the next attempt is allowed at \(nextAllowed.formatted(.iso8601))"
    }
}
