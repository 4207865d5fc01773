#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IssuanceLedger {
    /// One ACME order, or the start of one.
    package struct Attempt: Codable, Sendable, Equatable {
        /// How an attempt ended.
        package enum Result: String, Codable, Sendable {
            /// Begun and not finished: still running, or its process died (then it counts as a failure).
            case started
            case succeeded
            case failed
        }

        /// When it started (for `.started`) or ended.
        package var time: Date
        /// The names ordered, lowercased and sorted.
        package var names: [String]
        package var result: Result
        /// The ACME problem type URN of a failure (`urn:ietf:params:acme:error:rateLimited`, …).
        package var problemType: String?
        /// The CA's or the client's explanation of a failure.
        package var detail: String?
        /// The CA's `Retry-After`, as an absolute time.
        package var retryAfter: Date?
        /// The ACME directory URL ordered from (nil: the embedded local CA, or a ledger from before it was kept).
        package var directory: String?

        package init(
            time: Date,
            names: Set<String>,
            result: Result,
            problemType: String? = nil,
            detail: String? = nil,
            retryAfter: Date? = nil,
            directory: String? = nil
        ) {
            self.time = time
            self.names = IssuanceLedger.normalized(names)
            self.result = result
            self.problemType = problemType
            self.detail = detail
            self.retryAfter = retryAfter
            self.directory = directory
        }
    }

    /// Names as the ledger stores and compares them: lowercased and sorted, so sets compare as arrays.
    package static func normalized(_ names: Set<String>) -> [String] {
        Set(names.map { $0.lowercased() }).sorted()
    }
}
