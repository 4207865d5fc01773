/// The `type` of a problem document: a URN such as `urn:ietf:params:acme:error:rateLimited`.
///
/// A struct rather than an enum so that types a CA invents later still decode and compare; the full URN is
/// kept because that is what the ledger records and what CAs document.
public struct ACMEProblemType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The full type URI as the CA sent it.
    public var rawValue: String

    /// Creates a type from its URI.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The namespace of the ACME error types (RFC 8555 §6.7).
    public static let acmeNamespace = "urn:ietf:params:acme:error:"

    /// An ACME error type from its short name, e.g. `acme("rateLimited")`.
    public static func acme(_ name: String) -> ACMEProblemType {
        ACMEProblemType(rawValue: acmeNamespace + name)
    }

    /// The short name for ACME error types (`rateLimited`); the full URI for any other type.
    public var name: String {
        rawValue.hasPrefix(Self.acmeNamespace) ? String(rawValue.dropFirst(Self.acmeNamespace.count)) : rawValue
    }

    public var description: String { name }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// RFC 7807's type for a problem with no meaning beyond its HTTP status (also used when a CA sends an error
    /// status without a problem document).
    public static let blank = ACMEProblemType(rawValue: "about:blank")

    // RFC 8555 §6.7
    /// The account in the request does not exist (`onlyReturnExisting` finds nothing).
    public static let accountDoesNotExist = acme("accountDoesNotExist")
    /// The certificate was already revoked.
    public static let alreadyRevoked = acme("alreadyRevoked")
    /// The CSR is unacceptable (e.g. a weak key, or names not matching the order).
    public static let badCSR = acme("badCSR")
    /// The nonce was stale or unknown; the client retries with the fresh one from the error response.
    public static let badNonce = acme("badNonce")
    /// The JWS public key is unacceptable.
    public static let badPublicKey = acme("badPublicKey")
    /// The revocation reason is not allowed.
    public static let badRevocationReason = acme("badRevocationReason")
    /// The JWS algorithm is not supported; the problem lists the ones that are.
    public static let badSignatureAlgorithm = acme("badSignatureAlgorithm")
    /// A CAA record forbids this CA from issuing for the name.
    public static let caa = acme("caa")
    /// Several errors: see the subproblems.
    public static let compound = acme("compound")
    /// The CA could not connect to the validation target.
    public static let connection = acme("connection")
    /// The CA's DNS lookups failed during validation.
    public static let dns = acme("dns")
    /// The CA requires an external account binding to create accounts.
    public static let externalAccountRequired = acme("externalAccountRequired")
    /// The response to a challenge did not match.
    public static let incorrectResponse = acme("incorrectResponse")
    /// A contact URL is invalid.
    public static let invalidContact = acme("invalidContact")
    /// The request was malformed.
    public static let malformed = acme("malformed")
    /// Finalize was sent before the order was ready.
    public static let orderNotReady = acme("orderNotReady")
    /// A rate limit was hit; `Retry-After` says when to try again.
    public static let rateLimited = acme("rateLimited")
    /// The CA will not issue for this identifier.
    public static let rejectedIdentifier = acme("rejectedIdentifier")
    /// The CA had an internal error.
    public static let serverInternal = acme("serverInternal")
    /// The CA's TLS connection to the validation target failed.
    public static let tls = acme("tls")
    /// The client lacks authorization for the action.
    public static let unauthorized = acme("unauthorized")
    /// A contact URL scheme is not supported.
    public static let unsupportedContact = acme("unsupportedContact")
    /// The identifier type is not supported.
    public static let unsupportedIdentifier = acme("unsupportedIdentifier")
    /// A human must act first (e.g. agree to new terms); the problem's `instance` says where.
    public static let userActionRequired = acme("userActionRequired")

    // RFC 9773 (ARI) and draft-ietf-acme-profiles
    /// The certificate named in `replaces` was already replaced: someone else renewed it.
    public static let alreadyReplaced = acme("alreadyReplaced")
    /// The requested profile is not offered.
    public static let invalidProfile = acme("invalidProfile")
}
