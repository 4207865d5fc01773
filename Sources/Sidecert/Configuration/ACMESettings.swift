import SidecertACME
import SidecertHTTPServer

import struct Foundation.URL

/// How to talk to an ACME CA: where, with which trust roots and account, proving control how.
public struct ACMESettings: Sendable {
    public var directoryURL: URL
    /// Extra trust roots for the CA's HTTPS endpoint (a private CA, Pebble).
    public var caBundlePath: String?
    public var contact: ContactEmail?
    public var agreeToTermsOfService: Bool
    public var externalAccountBinding: ExternalAccountBinding?
    public var challenge: ACMEChallengeType
    /// How DNS-01 records are written and checked; set exactly when ``challenge`` is DNS-01.
    public var dns: DNSChallengeSettings?
    /// Also answer HTTP-01 from this process, on this address.
    public var httpListen: ListenAddress?
    /// Also answer TLS-ALPN-01 (`acme-tls/1`) from this process, on this address.
    public var tlsALPNListen: ListenAddress?
    public var profile: String?
    /// The CA's rate limits, as it states them; from the directory URL unless a test says otherwise.
    public var rateLimits: CARateLimits

    public init(
        directoryURL: URL,
        caBundlePath: String?,
        contact: ContactEmail?,
        agreeToTermsOfService: Bool,
        externalAccountBinding: ExternalAccountBinding?,
        challenge: ACMEChallengeType,
        httpListen: ListenAddress?,
        tlsALPNListen: ListenAddress? = nil,
        profile: String?
    ) {
        self.directoryURL = directoryURL
        self.caBundlePath = caBundlePath
        self.contact = contact
        self.agreeToTermsOfService = agreeToTermsOfService
        self.externalAccountBinding = externalAccountBinding
        self.challenge = challenge
        self.httpListen = httpListen
        self.tlsALPNListen = tlsALPNListen
        self.profile = profile
        self.rateLimits = CARateLimits.stated(by: directoryURL)
    }
}
