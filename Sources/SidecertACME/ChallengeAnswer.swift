import Crypto

/// One challenge to answer in an order: which identifier, with which token and key authorization.
///
/// Codable so that a caller can record what it is about to present (and clean it up after a crash).
package struct ChallengeAnswer: Sendable, Hashable, Codable {
    /// The identifier of the authorization; for a wildcard order, the base name (`example.com` for
    /// `*.example.com`).
    package var identifier: ACMEIdentifier
    /// Whether the authorization is for a wildcard: a wildcard and its base name share one DNS-01 record name.
    package var wildcard: Bool
    package var type: ACMEChallengeType
    package var token: String
    /// `token.thumbprint` (RFC 8555 §8.1): what HTTP-01 serves as it is.
    package var keyAuthorization: String

    package init(identifier: ACMEIdentifier, wildcard: Bool, type: ACMEChallengeType, token: String, keyAuthorization: String) {
        self.identifier = identifier
        self.wildcard = wildcard
        self.type = type
        self.token = token
        self.keyAuthorization = keyAuthorization
    }

    /// The SHA-256 of the key authorization: DNS-01 publishes it base64url-encoded (``dnsRecordValue``),
    /// TLS-ALPN-01 puts it in the validation certificate's `acmeIdentifier` extension.
    package var keyAuthorizationDigest: [UInt8] { Array(SHA256.hash(data: Array(keyAuthorization.utf8))) }

    /// The DNS-01 TXT record's value (RFC 8555 §8.4).
    package var dnsRecordValue: String { Base64URL.encode(keyAuthorizationDigest) }
}
