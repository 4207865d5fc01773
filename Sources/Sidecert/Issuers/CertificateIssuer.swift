import Foundation
import Logging
import SidecertACME
import SidecertVolume

/// Turns a validated request into a certificate: an ACME CA, or the embedded local CA.
///
/// Issuers run only while the caller holds the volume's lease for the certificate name; they may write
/// their own state (an ACME account, the local CA's root) but never `live/`: publishing is the caller's.
protocol CertificateIssuer: Sendable {
    /// Checks that need no writing and no lease, so that bad configuration exits 2 before anything else.
    func preflight(_ request: CertificateRequest) async throws(SidecertError)

    /// Issues a certificate for `request` with a fresh key of its key type.
    ///
    /// - Parameter current: the usable certificate this one renews, if any; an ACME CA that offers ARI is
    ///   told it is replaced (`replaces`).
    func issue(_ request: CertificateRequest, replacing current: InstalledCertificate?) async throws(IssuanceFailure) -> CertificateFiles
}

/// Why an issuance failed, with what the ledger must remember of it.
struct IssuanceFailure: Error, Sendable {
    var error: SidecertError
    /// The ACME problem type URN, when the CA sent a problem document.
    var problemType: String?
    /// When the CA said to come back (`Retry-After`).
    var retryAfter: Date?
    /// Names whose validation failed (counted against the failed-validation limit).
    var failedValidations: [String]

    init(_ error: SidecertError, problemType: String? = nil, retryAfter: Date? = nil, failedValidations: [String] = []) {
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
