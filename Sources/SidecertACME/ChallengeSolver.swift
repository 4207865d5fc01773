/// Proves control of an identifier for one ACME challenge type; the client picks a solver per authorization.
///
/// HTTP-01 writes the key authorization where every replica's frontend serves it, DNS-01 publishes a TXT
/// record, TLS-ALPN-01 serves a special certificate. The client always calls ``cleanUp(identifier:token:)``
/// after a ``present(identifier:token:keyAuthorization:)``, whatever the outcome.
public protocol ChallengeSolver: Sendable {
    /// The ACME challenge type this solver answers: `"http-01"`, `"dns-01"` or `"tls-alpn-01"`.
    var challengeType: String { get }

    /// Makes the key authorization visible to the CA. For a wildcard order `identifier` is the base domain.
    /// `keyAuthorization` is `token.thumbprint`; DNS-01 and TLS-ALPN-01 publish its SHA-256 instead.
    func present(identifier: ACMEIdentifier, token: String, keyAuthorization: String) async throws

    /// Removes what ``present(identifier:token:keyAuthorization:)`` made visible. Failures are the solver's to
    /// log: the certificate is valid either way.
    func cleanUp(identifier: ACMEIdentifier, token: String) async
}
