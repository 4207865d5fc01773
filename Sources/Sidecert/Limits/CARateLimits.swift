import SidecertACME
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The rate limits of the CA an order goes to, modelled as that CA states them, so that the fleet's guard
/// refuses what the CA would refuse and nothing more.
///
/// Let's Encrypt publishes its limits (token buckets) and exempts renewals that name the certificate they
/// replace (ARI's `replaces`). Another CA's limits are only what it has told us: a `rateLimited` answer's
/// `Retry-After` (the backoff honours it), and the limit the answer names, from then on.
package struct CARateLimits: Sendable, Equatable {
    /// Certificates for one exact set of names.
    package var duplicateCertificates: TokenBucket?
    /// Failed authorizations of one name, per account.
    package var failedValidations: TokenBucket?
    /// Whether an order that names the certificate it renews (ARI `replaces`) is exempt from these limits.
    package var exemptsReplacingRenewals: Bool

    package init(duplicateCertificates: TokenBucket?, failedValidations: TokenBucket?, exemptsReplacingRenewals: Bool) {
        self.duplicateCertificates = duplicateCertificates
        self.failedValidations = failedValidations
        self.exemptsReplacingRenewals = exemptsReplacingRenewals
    }

    private static let week: TimeInterval = 7 * 86_400

    /// Let's Encrypt production: 5 certificates per exact set of names per 7 days (one back every ~34 h),
    /// 5 failed validations per name per hour (one back every 12 min); ARI renewals are exempt.
    package static let letsEncrypt = CARateLimits(
        duplicateCertificates: TokenBucket(capacity: 5, window: week),
        failedValidations: TokenBucket(capacity: 5, window: 3_600),
        exemptsReplacingRenewals: true)

    /// Let's Encrypt staging: the same rules with its published values (30,000 duplicates a week, 60 failed
    /// validations an hour).
    package static let letsEncryptStaging = CARateLimits(
        duplicateCertificates: TokenBucket(capacity: 30_000, window: week),
        failedValidations: TokenBucket(capacity: 60, window: 3_600),
        exemptsReplacingRenewals: true)

    /// A CA that states no limits, and the embedded local CA: nothing is refused up front.
    package static let unstated = CARateLimits(duplicateCertificates: nil, failedValidations: nil, exemptsReplacingRenewals: false)

    /// The limits of the CA behind `directoryURL` (nil: the embedded local CA).
    package static func stated(by directoryURL: URL?) -> CARateLimits {
        switch directoryURL?.host?.lowercased() {
        case IssuerChoice.letsEncryptProduction.host: .letsEncrypt
        case IssuerChoice.letsEncryptStaging.host: .letsEncryptStaging
        default: .unstated
        }
    }

    /// These limits, plus those the CA announced by answering `rateLimited` for them in the ledger's memory.
    ///
    /// The limit is recognised by the wording Let's Encrypt's server software (Boulder) uses, which other
    /// CAs built on it share; its size is then taken to be Let's Encrypt's, the only published one.
    package func including(announcedIn ledger: IssuanceLedger) -> CARateLimits {
        var limits = self
        for attempt in ledger.attempts where attempt.problemType == ACMEProblemType.rateLimited.rawValue {
            let detail = attempt.detail?.lowercased() ?? ""
            if limits.duplicateCertificates == nil, detail.contains("exact set") {
                limits.duplicateCertificates = Self.letsEncrypt.duplicateCertificates
            }
            if limits.failedValidations == nil, detail.contains("failed authorization") || detail.contains("failed validation") {
                limits.failedValidations = Self.letsEncrypt.failedValidations
            }
        }
        return limits
    }
}
