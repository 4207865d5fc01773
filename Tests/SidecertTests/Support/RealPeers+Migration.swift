import SidecertTestSupport
import Testing

/// The ACME clients whose stores `import --from` migrates, from Debian's packages (scripts/install-test-deps).
extension RealPeers {
    /// `certbot` is installed.
    static let hasCertbot = ExecutableLookup.find("certbot") != nil
    /// `lego` is installed.
    static let hasLego = ExecutableLookup.find("lego") != nil
}

extension Trait where Self == ConditionTrait {
    /// Skips the test (with a message) when certbot is missing, unless peers are required (scripts/test, CI).
    static var requiresCertbot: Self {
        .enabled(
            if: RealPeers.areRequired || RealPeers.hasCertbot,
            "certbot is not installed: run scripts/install-test-deps (scripts/test does)"
        )
    }

    /// Skips the test (with a message) when lego is missing, unless peers are required (scripts/test, CI).
    static var requiresLego: Self {
        .enabled(
            if: RealPeers.areRequired || RealPeers.hasLego,
            "lego is not installed: run scripts/install-test-deps (scripts/test does)"
        )
    }
}
