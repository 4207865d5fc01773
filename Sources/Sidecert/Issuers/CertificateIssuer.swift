import Logging
import SidecertACME
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Turns a certificate signing request into a certificate chain: an ACME CA, or the embedded local CA.
///
/// ``EnsureOperation`` makes the key and signs the request; the issuer only gets the request signed. Issuers
/// run only while the caller holds the volume's lease for the certificate name; they may write their own
/// state (an ACME account, the local CA's root, the journal of presented challenges) but never `live/`:
/// publishing is the caller's.
package protocol CertificateIssuer: Sendable {
    /// The CA's rate limits, as it states them, for the fleet's guard.
    var rateLimits: CARateLimits { get }
    /// The ACME directory, for the ledger; nil for the embedded local CA.
    var directoryURL: URL? { get }

    /// Checks that need no writing and no lease, so that bad configuration exits 2 before anything else.
    func preflight(_ request: CertificateRequest) async throws(SidecertError)

    /// Issues a certificate for `order`'s signing request.
    func issue(_ order: CertificateOrder) async throws(IssuanceFailure) -> IssuedChain
}

/// What an issuer is asked for.
package struct CertificateOrder: Sendable {
    package var request: CertificateRequest
    /// The type of the key that signed ``csrDER``: one order per key type of the request.
    package var keyType: CertificateKeyType
    /// The DER-encoded PKCS#10 request, signed by the new certificate key.
    package var csrDER: [UInt8]
    /// The usable version this one renews, if any; an ACME CA that offers ARI is told which of its
    /// certificates (the one of ``keyType``) is replaced.
    package var replacing: InstalledCertificate?
    /// Told of each step of the issuance as it happens; a throw stops it there.
    package var onStep: IssuanceStepHook

    package init(
        request: CertificateRequest, keyType: CertificateKeyType, csrDER: [UInt8], replacing: InstalledCertificate?,
        onStep: @escaping IssuanceStepHook = { _ in }
    ) {
        self.request = request
        self.keyType = keyType
        self.csrDER = csrDER
        self.replacing = replacing
        self.onStep = onStep
    }

    /// The certificate of ``keyType`` in the version being replaced.
    package var replacedCredential: InstalledCredential? {
        replacing?.credentials.first { $0.keyType == keyType }
    }
}

/// What an issuer returns: the chain, leaf first, as the CA sent it, and where it came from.
package struct IssuedChain: Sendable {
    package var certificateChainPEM: String
    package var metadata: VersionMetadata

    package init(certificateChainPEM: String, metadata: VersionMetadata) {
        self.certificateChainPEM = certificateChainPEM
        self.metadata = metadata
    }
}

/// Why an issuance failed, with what the ledger must remember of it.
package struct IssuanceFailure: Error, Sendable {
    package var error: SidecertError
    /// The ACME problem type URN, when the CA sent a problem document.
    package var problemType: String?
    /// When the CA said to come back (`Retry-After`).
    package var retryAfter: Date?
    /// Names whose validation failed (counted against the failed-validation limit).
    package var failedValidations: [String]

    package init(_ error: SidecertError, problemType: String? = nil, retryAfter: Date? = nil, failedValidations: [String] = []) {
        self.error = error
        self.problemType = problemType
        self.retryAfter = retryAfter
        self.failedValidations = failedValidations
    }

    /// Configuration errors are the user's to fix; they do not count as attempts against the CA.
    var countsAsAttempt: Bool { error.code != .badInput }

    /// The CA refused `replaces`: another order already replaced that certificate (RFC 9773).
    var isAlreadyReplaced: Bool { problemType == ACMEProblemType.alreadyReplaced.rawValue }
}
