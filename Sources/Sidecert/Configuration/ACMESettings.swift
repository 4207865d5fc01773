import SidecertACME
import SidecertHTTPServer

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How to talk to an ACME CA: where, with which trust roots and account, proving control how.
package struct ACMESettings: Sendable {
    package var directoryURL: URL
    /// Extra trust roots for the CA's HTTPS endpoint (a private CA, Pebble).
    package var caBundlePath: String?
    package var contact: ContactEmail?
    package var agreeToTermsOfService: Bool
    package var externalAccountBinding: ExternalAccountBinding?
    package var challenge: ACMEChallengeType
    /// How DNS-01 records are written and checked; set exactly when ``challenge`` is DNS-01.
    package var dns: DNSChallengeSettings?
    package var profile: String?
    /// The CA's rate limits, as it states them; from the directory URL unless a test says otherwise.
    package var rateLimits: CARateLimits

    package init(
        directoryURL: URL,
        caBundlePath: String?,
        contact: ContactEmail?,
        agreeToTermsOfService: Bool,
        externalAccountBinding: ExternalAccountBinding?,
        challenge: ACMEChallengeType,
        profile: String?
    ) {
        self.directoryURL = directoryURL
        self.caBundlePath = caBundlePath
        self.contact = contact
        self.agreeToTermsOfService = agreeToTermsOfService
        self.externalAccountBinding = externalAccountBinding
        self.challenge = challenge
        self.profile = profile
        self.rateLimits = CARateLimits.stated(by: directoryURL)
    }
}
