#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A JSON Web Signature in the flattened JSON serialization (RFC 7515 §7.2.2), the body of every ACME POST.
struct JWS: Encodable, Sendable {
    /// base64url of the protected header JSON.
    let protected: String
    /// base64url of the payload; empty for POST-as-GET (RFC 8555 §6.3).
    let payload: String
    /// base64url of the signature over `protected.payload`.
    let signature: String

    /// How the signer is named: by account URL (`kid`) once the account exists, by its key (`jwk`) before.
    enum Signer {
        case accountURL(URL)
        case jwk(JSONWebKey)
    }

    /// The protected header members ACME uses (RFC 8555 §6.2).
    struct Header: Encodable {
        var alg: String
        var jwk: JSONWebKey?
        var kid: String?
        var nonce: String?
        var url: String
    }

    /// Signs a payload with the account key. A `nil` payload makes a POST-as-GET; a `nil` nonce is only for
    /// the inner JWS of a key change, which RFC 8555 §7.3.5 forbids a nonce on.
    init(payload: [UInt8]?, url: URL, nonce: String?, signer: Signer, key: AccountKey) throws {
        var header = Header(alg: key.algorithm.rawValue, nonce: nonce, url: url.absoluteString)
        switch signer {
        case .accountURL(let accountURL): header.kid = accountURL.absoluteString
        case .jwk(let jwk): header.jwk = jwk
        }
        try self.init(header: header, payload: payload, sign: key.signature(for:))
    }

    /// Signs a payload under any header with any signing function (the EAB uses HMAC).
    init(header: Header, payload: [UInt8]?, sign: ([UInt8]) throws -> [UInt8]) throws {
        protected = Base64URL.encode(try ACMEJSON.encode(header))
        self.payload = payload.map(Base64URL.encode) ?? ""
        signature = Base64URL.encode(try sign(Array("\(protected).\(self.payload)".utf8)))
    }
}
