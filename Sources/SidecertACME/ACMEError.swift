#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Why an ACME operation failed, with what the caller needs to decide what to do next.
///
/// ``code`` says what kind of failure it was (the exit status and backoff follow from it); ``problem`` is the
/// CA's own document when there was one; ``retryAfter`` is the CA's `Retry-After`, which must reach the
/// ledger so that the fleet does not retry before it.
package struct ACMEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    package var code: Code
    /// What happened, in words, naming the URL or identifier involved.
    package var message: String
    /// The CA's problem document, for ``Code/problem``, ``Code/validationFailed`` and ``Code/orderFailed``.
    package var problem: ACMEProblem?
    /// The identifier the failure is about, for validation failures.
    package var identifier: ACMEIdentifier?
    /// When the CA allows the next attempt (its `Retry-After`), if it said.
    package var retryAfter: Date?
    /// The challenge type that failed, for validation failures: the caller's hint depends on it.
    package var challengeType: ACMEChallengeType?
    /// The error underneath, for transport and solver failures.
    package var underlyingError: (any Error)?

    /// Creates an error.
    package init(
        code: Code,
        message: String,
        problem: ACMEProblem? = nil,
        identifier: ACMEIdentifier? = nil,
        retryAfter: Date? = nil,
        challengeType: ACMEChallengeType? = nil,
        underlyingError: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.problem = problem
        self.identifier = identifier
        self.retryAfter = retryAfter
        self.challengeType = challengeType
        self.underlyingError = underlyingError
    }

    /// Errors are equal when they are of the same kind: what callers decide on.
    package static func == (lhs: ACMEError, rhs: ACMEError) -> Bool { lhs.code == rhs.code }

    /// The message, the CA's problem, and when to try again.
    package var description: String {
        var text = message
        if let problem {
            let said = problem.description
            text += " The CA said: " + said + (said.hasSuffix(".") ? "" : ".")
        }
        if let retryAfter {
            text += " The CA asks not to retry before \(retryAfter.formatted(.iso8601))."
        }
        return text
    }
}
