import Foundation

extension IssuanceLedger {
    /// One ACME order, or the start of one.
    public struct Attempt: Codable, Sendable, Equatable {
        /// How an attempt ended.
        public enum Result: String, Codable, Sendable {
            /// Begun and not finished: still running, or its process died (then it counts as a failure).
            case started
            case succeeded
            case failed
        }

        /// When it started (for `.started`) or ended.
        public var time: Date
        /// The names ordered, lowercased and sorted.
        public var names: [String]
        public var result: Result
        /// The ACME problem type URN of a failure (`urn:ietf:params:acme:error:rateLimited`, …).
        public var problemType: String?
        /// The CA's or the client's explanation of a failure.
        public var detail: String?
        /// The CA's `Retry-After`, as an absolute time.
        public var retryAfter: Date?
        /// The ACME directory URL ordered from (nil: the embedded local CA, or a ledger from before it was kept).
        public var directory: String?

        public init(
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
    public static func normalized(_ names: Set<String>) -> [String] {
        Set(names.map { $0.lowercased() }).sorted()
    }
}
