/// The `type` of a problem document: a URN such as `urn:ietf:params:acme:error:rateLimited`.
///
/// A struct rather than an enum so that types a CA invents later still decode and compare; the full URN is
/// kept because that is what the ledger records and what CAs document.
package struct ACMEProblemType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The full type URI as the CA sent it.
    package var rawValue: String

    /// Creates a type from its URI.
    package init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The namespace of the ACME error types (RFC 8555 §6.7).
    package static let acmeNamespace = "urn:ietf:params:acme:error:"

    /// An ACME error type from its short name, e.g. `acme("rateLimited")`.
    package static func acme(_ name: String) -> ACMEProblemType {
        ACMEProblemType(rawValue: acmeNamespace + name)
    }

    /// The short name for ACME error types (`rateLimited`); the full URI for any other type.
    package var name: String {
        rawValue.hasPrefix(Self.acmeNamespace) ? String(rawValue.dropFirst(Self.acmeNamespace.count)) : rawValue
    }

    package var description: String { name }

    package init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// RFC 7807's type for a problem with no meaning beyond its HTTP status (also used when a CA sends an error
    /// status without a problem document).
    package static let blank = ACMEProblemType(rawValue: "about:blank")

    // RFC 8555 §6.7
    /// The account in the request does not exist (`onlyReturnExisting` finds nothing).
    package static let accountDoesNotExist = acme("accountDoesNotExist")
    /// The certificate was already revoked.
    package static let alreadyRevoked = acme("alreadyRevoked")
    /// The CSR is unacceptable (e.g. a weak key, or names not matching the order).
    package static let badCSR = acme("badCSR")
    /// The nonce was stale or unknown; the client retries with the fresh one from the error response.
    package static let badNonce = acme("badNonce")
    /// The JWS public key is unacceptable.
    package static let badPublicKey = acme("badPublicKey")
    /// The revocation reason is not allowed.
    package static let badRevocationReason = acme("badRevocationReason")
    /// The JWS algorithm is not supported; the problem lists the ones that are.
    package static let badSignatureAlgorithm = acme("badSignatureAlgorithm")
    /// A CAA record forbids this CA from issuing for the name.
    package static let caa = acme("caa")
    /// Several errors: see the subproblems.
    package static let compound = acme("compound")
    /// The CA could not connect to the validation target.
    package static let connection = acme("connection")
    /// The CA's DNS lookups failed during validation.
    package static let dns = acme("dns")
    /// The CA requires an external account binding to create accounts.
    package static let externalAccountRequired = acme("externalAccountRequired")
    /// The response to a challenge did not match.
    package static let incorrectResponse = acme("incorrectResponse")
    /// A contact URL is invalid.
    package static let invalidContact = acme("invalidContact")
    /// The request was malformed.
    package static let malformed = acme("malformed")
    /// Finalize was sent before the order was ready.
    package static let orderNotReady = acme("orderNotReady")
    /// A rate limit was hit; `Retry-After` says when to try again.
    package static let rateLimited = acme("rateLimited")
    /// The CA will not issue for this identifier.
    package static let rejectedIdentifier = acme("rejectedIdentifier")
    /// The CA had an internal error.
    package static let serverInternal = acme("serverInternal")
    /// The CA's TLS connection to the validation target failed.
    package static let tls = acme("tls")
    /// The client lacks authorization for the action.
    package static let unauthorized = acme("unauthorized")
    /// A contact URL scheme is not supported.
    package static let unsupportedContact = acme("unsupportedContact")
    /// The identifier type is not supported.
    package static let unsupportedIdentifier = acme("unsupportedIdentifier")
    /// A human must act first (e.g. agree to new terms); the problem's `instance` says where.
    package static let userActionRequired = acme("userActionRequired")

    // RFC 9773 (ARI) and draft-ietf-acme-profiles
    /// The certificate named in `replaces` was already replaced: someone else renewed it.
    package static let alreadyReplaced = acme("alreadyReplaced")
    /// The requested profile is not offered.
    package static let invalidProfile = acme("invalidProfile")
}
