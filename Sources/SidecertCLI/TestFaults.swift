import Foundation
import Sidecert

/// Fault injection for the tests, from test-only environment variables that no user sets.
enum TestFaults {
    /// `SIDECERT_TEST_PAUSE_BEFORE_PUBLISH`: hold the lease this long right before publishing, so a test can
    /// kill the holder mid-issuance.
    static func pauseBeforePublish() throws(SidecertError) -> Duration? {
        guard let text = ProcessInfo.processInfo.environment["SIDECERT_TEST_PAUSE_BEFORE_PUBLISH"], !text.isEmpty else { return nil }
        return try DurationText.parse(text, source: .environment("SIDECERT_TEST_PAUSE_BEFORE_PUBLISH"))
    }
}

extension TestFaults {
    /// `SIDECERT_TEST_CA_LIMITS=letsencrypt`: hold a local test CA (Pebble) to Let's Encrypt's published
    /// limits. Pebble offers no ARI, so no renewal can name what it replaces, and none is exempt.
    static func applyCALimits(to spec: inout CertificateSpec) {
        guard ProcessInfo.processInfo.environment["SIDECERT_TEST_CA_LIMITS"] == "letsencrypt", case .acme(var acme) = spec.issuer else { return }
        acme.rateLimits = .letsEncrypt
        acme.rateLimits.exemptsReplacingRenewals = false
        spec.issuer = .acme(acme)
    }
}
