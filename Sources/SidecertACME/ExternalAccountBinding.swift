import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Credentials some CAs (ZeroSSL, Google Trust Services, private CAs) require to tie a new ACME account to an
/// account of theirs (RFC 8555 §7.3.4): a key identifier and an HMAC key, given as `--eab-kid` and
/// `--eab-hmac-key`.
package struct ExternalAccountBinding: Sendable {
    /// The key identifier the CA issued (`--eab-kid`).
    package var keyID: String
    /// The raw HMAC key, already decoded from the base64url form the CA hands out.
    package var macKey: [UInt8]

    /// Creates a binding from the raw HMAC key.
    package init(keyID: String, macKey: [UInt8]) {
        self.keyID = keyID
        self.macKey = macKey
    }

    /// Creates a binding from the HMAC key as the CA shows it (base64url; padding and the standard base64
    /// alphabet are tolerated). Throws ``ACMEError/Code/invalidExternalAccountBinding`` if it is not base64.
    package init(keyID: String, encodedMACKey: String) throws {
        guard let macKey = Base64URL.decode(encodedMACKey), !macKey.isEmpty else {
            throw ACMEError(
                code: .invalidExternalAccountBinding,
                message: "The external account binding HMAC key is not base64url text."
            )
        }
        self.init(keyID: keyID, macKey: macKey)
    }

    /// The HS256 JWS over the account's public key that goes into the `newAccount` payload. It carries no nonce
    /// and its `url` is the `newAccount` URL, as RFC 8555 §7.3.4 specifies.
    func signature(over accountKey: JSONWebKey, newAccountURL: URL) throws -> JWS {
        let header = JWS.Header(alg: "HS256", kid: keyID, url: newAccountURL.absoluteString)
        let key = SymmetricKey(data: macKey)
        return try JWS(header: header, payload: Array(accountKey.canonicalJSON.utf8)) { signingInput in
            Array(HMAC<SHA256>.authenticationCode(for: signingInput, using: key))
        }
    }
}
