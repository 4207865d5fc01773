import ArgumentParser
import Foundation
import Sidecert
import SidecertACME

/// Where and how to get a certificate when the volume has no usable one.
struct IssuanceOptions: ParsableArguments {
    @Option(
        name: .customLong("directory"),
        help: ArgumentHelp(
            "The ACME directory URL, or 'internal' for the embedded local CA. (env SIDECERT_DIRECTORY; default: Let's Encrypt, or the local CA when every name is internal like localhost, *.internal, *.home.arpa, private IPs)",
            valueName: "url"))
    var directory: String?

    @Flag(name: .customLong("staging"), help: "Use Let's Encrypt's staging directory. (env SIDECERT_STAGING)")
    var staging = false

    @Option(
        name: .customLong("ca-bundle"),
        help: ArgumentHelp("Extra trust roots (PEM) for the ACME server's HTTPS: a private CA, Pebble. (env SIDECERT_CA_BUNDLE)", valueName: "file"))
    var caBundle: String?

    @Option(name: .customLong("email"), help: ArgumentHelp("The ACME account's contact address. (env SIDECERT_EMAIL)", valueName: "addr"))
    var email: String?

    @Flag(
        name: .customLong("agree-tos"),
        help: "Agree to the CA's terms of service (the URL is in its directory); needed to create an account. (env SIDECERT_AGREE_TOS)")
    var agreeTOS = false

    @Option(
        name: .customLong("eab-kid"),
        help: ArgumentHelp("External account binding key ID (ZeroSSL, Google Trust Services, private CAs). (env SIDECERT_EAB_KID)", valueName: "kid"))
    var eabKeyID: String?

    @Option(
        name: .customLong("eab-hmac-key"),
        help: ArgumentHelp("External account binding HMAC key, base64url as the CA gives it. (env SIDECERT_EAB_HMAC_KEY)", valueName: "key"))
    var eabHMACKey: String?

    @Option(
        name: .customLong("challenge"),
        help: ArgumentHelp("How to prove control: http-01. (env SIDECERT_CHALLENGE; default http-01)", valueName: "type"))
    var challenge: String?

    @Option(
        name: .customLong("http-listen"),
        help: ArgumentHelp(
            "Also answer HTTP-01 from this process on HOST:PORT (answers come from the volume). (env SIDECERT_HTTP_LISTEN)", valueName: "host:port"))
    var httpListen: String?

    @Option(
        name: .customLong("profile"),
        help: ArgumentHelp(
            "The ACME profile (classic, tlsserver, shortlived, …) when the CA offers profiles. (env SIDECERT_PROFILE)", valueName: "name"))
    var profile: String?

    @Option(
        name: .customLong("wait"),
        help: ArgumentHelp("How long to wait for another replica's issuance. (env SIDECERT_WAIT; default 5m)", valueName: "duration"))
    var wait: String?

    @Flag(name: .customLong("force"), help: "Ignore the backoff and the not-due check: issue now. (env SIDECERT_FORCE)")
    var force = false

    @Option(
        name: .customLong("lease-duration"),
        help: ArgumentHelp(
            "How long a lease lasts without a heartbeat: the most a crashed issuer delays the fleet. (env SIDECERT_LEASE_DURATION; default 60s)",
            valueName: "duration", visibility: .hidden))
    var leaseDuration: String?

    func issuer(for names: CertificateNameSet) throws(SidecertError) -> IssuerChoice {
        try IssuerChoice.resolve(
            directory: EnvironmentTwin.string(directory, "SIDECERT_DIRECTORY"),
            staging: try EnvironmentTwin.flag(staging, "SIDECERT_STAGING"),
            names: names
        ) { url throws(SidecertError) in try acmeSettings(directoryURL: url, names: names) }
    }

    private func acmeSettings(directoryURL: URL, names: CertificateNameSet) throws(SidecertError) -> ACMESettings {
        let caBundle = EnvironmentTwin.string(caBundle, "SIDECERT_CA_BUNDLE")
        if let caBundle, !FileManager.default.isReadableFile(atPath: caBundle) {
            throw .badInput("--ca-bundle '\(caBundle)' cannot be read", hint: "give a PEM file of extra trust roots")
        }
        var settings = ACMESettings(
            directoryURL: directoryURL,
            caBundlePath: caBundle,
            contact: try EnvironmentTwin.string(email, "SIDECERT_EMAIL").map { text throws(SidecertError) in try ContactEmail(parsing: text) },
            agreeToTermsOfService: try EnvironmentTwin.flag(agreeTOS, "SIDECERT_AGREE_TOS"),
            externalAccountBinding: try externalAccountBinding(),
            challenge: try ChallengeKind.parse(EnvironmentTwin.string(challenge, "SIDECERT_CHALLENGE"), names: names),
            httpListen: try httpListenAddress,
            profile: EnvironmentTwin.string(profile, "SIDECERT_PROFILE")
        )
        // Test-only: hold a local test CA (Pebble) to Let's Encrypt's published limits. Pebble offers no ARI,
        // so no renewal can name what it replaces, and none is exempt.
        if EnvironmentTwin.string(nil, "SIDECERT_TEST_CA_LIMITS") == "letsencrypt" {
            settings.rateLimits = .letsEncrypt
            settings.rateLimits.exemptsReplacingRenewals = false
        }
        return settings
    }

    private func externalAccountBinding() throws(SidecertError) -> ExternalAccountBinding? {
        let keyID = EnvironmentTwin.string(eabKeyID, "SIDECERT_EAB_KID")
        let macKey = EnvironmentTwin.string(eabHMACKey, "SIDECERT_EAB_HMAC_KEY")
        switch (keyID, macKey) {
        case (nil, nil):
            return nil
        case (let keyID?, let macKey?):
            do {
                return try ExternalAccountBinding(keyID: keyID, encodedMACKey: macKey)
            } catch {
                throw .badInput("--eab-hmac-key is not base64url", hint: "paste the HMAC key exactly as the CA shows it")
            }
        default:
            throw .badInput("--eab-kid and --eab-hmac-key go together", hint: "give both, as your CA shows them")
        }
    }

    var httpListenAddress: ListenAddress? {
        get throws(SidecertError) {
            try EnvironmentTwin.string(httpListen, "SIDECERT_HTTP_LISTEN").map { text throws(SidecertError) in
                try ListenAddress(parsing: text, flag: "--http-listen")
            }
        }
    }

    var waitDuration: Duration {
        get throws(SidecertError) {
            try DurationText.parse(EnvironmentTwin.string(wait, "SIDECERT_WAIT") ?? "5m", flag: "--wait")
        }
    }

    var leaseDurationValue: Duration {
        get throws(SidecertError) {
            let duration = try DurationText.parse(EnvironmentTwin.string(leaseDuration, "SIDECERT_LEASE_DURATION") ?? "60s", flag: "--lease-duration")
            guard duration >= .seconds(1) else { throw .badInput("--lease-duration must be at least 1s") }
            return duration
        }
    }

    var forceValue: Bool {
        get throws(SidecertError) { try EnvironmentTwin.flag(force, "SIDECERT_FORCE") }
    }
}
