import SidecertACME
import SidecertHTTPServer

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IssuerChoice {
    /// The issuer `settings` describe for `names`: `directory` / `staging`, and for an ACME CA its trust roots,
    /// account, challenge and profile. Errors name where a bad value came from.
    package init(reading settings: Settings, names: CertificateNameSet) throws(SidecertError) {
        self = try IssuerChoice.resolve(
            directory: settings.string(.directory), directorySource: settings.origin(of: .directory),
            staging: try settings.bool(.staging), names: names
        ) { url throws(SidecertError) in try ACMESettings(reading: settings, directoryURL: url, names: names) }
    }
}

extension ACMESettings {
    /// The ACME settings `settings` describe for an order to `directoryURL`.
    package init(reading settings: Settings, directoryURL: URL, names: CertificateNameSet) throws(SidecertError) {
        try CAIdentifierPolicy.stated(by: directoryURL).check(names, source: settings.origin(of: .domain))
        let caBundle = settings.string(.caBundle)
        if let caBundle, !FileManager.default.isReadableFile(atPath: caBundle) {
            throw .badInput("\(settings.origin(of: .caBundle).quoting(caBundle)) cannot be read", hint: "give a PEM file of extra trust roots")
        }
        self.init(
            directoryURL: directoryURL,
            caBundlePath: caBundle,
            contact: try settings.string(.email).map { text throws(SidecertError) in
                try ContactEmail(parsing: text, source: settings.origin(of: .email))
            },
            agreeToTermsOfService: try settings.bool(.agreeTOS),
            externalAccountBinding: try Self.externalAccountBinding(settings),
            challenge: try ACMEChallengeType.parse(settings.string(.challenge), names: names, source: settings.origin(of: .challenge)),
            profile: settings.string(.profile)
        )
        if challenge == .dns01 { dns = try DNSChallengeSettings(reading: settings) }
    }

    private static func externalAccountBinding(_ settings: Settings) throws(SidecertError) -> ExternalAccountBinding? {
        switch (settings.string(.eabKeyID), settings.string(.eabHMACKey)) {
        case (nil, nil):
            return nil
        case (let keyID?, let macKey?):
            do {
                return try ExternalAccountBinding(keyID: keyID, encodedMACKey: macKey)
            } catch {
                throw .badInput("\(settings.origin(of: .eabHMACKey)) is not base64url", hint: "paste the HMAC key exactly as the CA shows it")
            }
        default:
            throw .badInput("--eab-kid and --eab-hmac-key go together", hint: "give both, as your CA shows them")
        }
    }
}

extension Settings {
    /// A `HOST:PORT` to listen on; nil when unset.
    package func listenAddress(_ setting: Setting) throws(SidecertError) -> ListenAddress? {
        try string(setting).map { text throws(SidecertError) in try ListenAddress(parsing: text, source: origin(of: setting)) }
    }
}
