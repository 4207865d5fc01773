#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The CA's advice on when to renew a certificate (RFC 9773, ACME Renewal Information).
///
/// Renewing at a random moment inside the window spreads a fleet's renewals and lets the CA pull renewals
/// forward, e.g. before a mass revocation.
package struct ACMERenewalInfo: Sendable, Decodable {
    /// The start of the window in which to renew.
    package var suggestedWindowStart: Date
    /// The end of the window; past it, renew at once.
    package var suggestedWindowEnd: Date
    /// A page explaining the window, when the CA moved it for a reason worth telling the operator.
    package var explanationURL: URL?
    /// When to ask again (the response's `Retry-After`); `nil` if the CA did not say.
    package var retryAfter: Date?

    /// Creates renewal information.
    package init(
        suggestedWindowStart: Date,
        suggestedWindowEnd: Date,
        explanationURL: URL? = nil,
        retryAfter: Date? = nil
    ) {
        self.suggestedWindowStart = suggestedWindowStart
        self.suggestedWindowEnd = suggestedWindowEnd
        self.explanationURL = explanationURL
        self.retryAfter = retryAfter
    }

    private enum CodingKeys: String, CodingKey {
        case suggestedWindow, explanationURL
    }

    private enum WindowKeys: String, CodingKey {
        case start, end
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let window = try container.nestedContainer(keyedBy: WindowKeys.self, forKey: .suggestedWindow)
        self.init(
            suggestedWindowStart: try Self.timestamp(window, .start),
            suggestedWindowEnd: try Self.timestamp(window, .end),
            explanationURL: try? container.decodeIfPresent(URL.self, forKey: .explanationURL)
        )
    }

    /// An RFC 3339 timestamp, with or without fractional seconds (CAs send both).
    ///
    /// Parsed by Foundation's own ISO 8601 style, not `ISO8601DateFormatter`: on Linux that one is ICU's, and a
    /// long fractional part made it divide by zero (SIGFPE, found by the ACMEDocument fuzz target), so a CA's
    /// renewal information could crash `run`.
    private static func timestamp(_ container: KeyedDecodingContainer<WindowKeys>, _ key: WindowKeys) throws -> Date {
        let text = try container.decode(String.self, forKey: key)
        for style in [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()] {
            if let date = try? style.parse(text) {
                return date
            }
        }
        throw DecodingError.dataCorruptedError(
            forKey: key,
            in: container,
            debugDescription: "not an RFC 3339 timestamp: \(text)"
        )
    }
}
