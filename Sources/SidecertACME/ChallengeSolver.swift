#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Proves control of identifiers for one ACME challenge type, an order's answers of that type at a time.
///
/// HTTP-01 writes the key authorizations where every replica's frontend serves them, DNS-01 publishes TXT
/// records, TLS-ALPN-01 serves validation certificates. For every batch the client calls
/// ``present(_:)``, then ``waitUntilVisible(_:deadline:)``, then tells the CA to look, and always
/// ``cleanUp(_:)`` afterwards, whatever the outcome.
package protocol ChallengeSolver: Sendable {
    /// The challenge type this solver answers.
    var challengeType: ACMEChallengeType { get }

    /// Makes every answer of the batch visible. Two answers may share a place (a wildcard and its base name
    /// share one TXT name): both must be present together.
    func present(_ answers: [ChallengeAnswer]) async throws

    /// Returns once the CA can see every answer (DNS-01: every authoritative server serves the record),
    /// or throws when it cannot by `deadline`.
    func waitUntilVisible(_ answers: [ChallengeAnswer], deadline: Date) async throws

    /// Removes exactly what ``present(_:)`` made visible for these answers and nothing else; throws when some
    /// of it could not be removed (the caller logs it and may try again later: the certificate is valid
    /// either way).
    func cleanUp(_ answers: [ChallengeAnswer]) async throws
}

extension ChallengeSolver {
    /// What the CA sees is what was presented (the volume, a local listener): nothing to wait for.
    package func waitUntilVisible(_ answers: [ChallengeAnswer], deadline: Date) async throws {}
}
