/// The ways to prove control of an identifier that Sidecert answers (RFC 8555 §8.3, §8.4; RFC 8737).
package enum ACMEChallengeType: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// A file at `http://<name>/.well-known/acme-challenge/<token>`.
    case http01 = "http-01"
    /// A TXT record at `_acme-challenge.<name>`: the only type for wildcards.
    case dns01 = "dns-01"
    /// A self-signed certificate served for the `acme-tls/1` protocol on port 443.
    case tlsALPN01 = "tls-alpn-01"

    package var description: String { rawValue }
}
