#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
///
/// The CA uses it on rate limits (the date the ledger must respect), while an order or authorization is still
/// being processed, and on renewal information.
enum RetryAfter {
    /// The moment the header names, or `nil` if it is absent, negative or not a valid value.
    static func date(from value: String?, now: Date) -> Date? {
        guard let text = value?.trimmingHTTPWhitespace(), !text.isEmpty else { return nil }
        if text.allSatisfy(\.isASCIIDigit) {
            // Absurd delays saturate at a century rather than overflowing.
            let seconds = Int(text).map { min($0, 100 * 365 * 86_400) } ?? 100 * 365 * 86_400
            return now.addingTimeInterval(TimeInterval(seconds))
        }
        return HTTPDate.parse(text)
    }
}
