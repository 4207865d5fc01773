import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Which CA issues: an ACME directory, or the embedded local CA for names no public CA certifies.
package enum IssuerChoice: Sendable {
    case acme(ACMESettings)
    case localCA

    package static let letsEncryptProduction = URL(string: "https://acme-v02.api.letsencrypt.org/directory")!
    package static let letsEncryptStaging = URL(string: "https://acme-staging-v02.api.letsencrypt.org/directory")!

    /// Resolves `--directory` / `--staging` against the requested names: with neither given, names that
    /// only a private CA can certify go to the embedded local CA, everything else to Let's Encrypt.
    ///
    /// - Parameter directorySource: what errors about the directory name: the flag, variable or file line.
    package static func resolve(
        directory: String?,
        directorySource: SettingOrigin = .flag("--directory"),
        staging: Bool,
        names: CertificateNameSet,
        acme: (URL) throws(SidecertError) -> ACMESettings
    ) throws(SidecertError) -> IssuerChoice {
        if staging, directory != nil {
            throw .badInput("--staging and --directory both given", hint: "use one: --staging is Let's Encrypt's staging directory")
        }
        if let directory {
            if directory == "internal" { return .localCA }
            return .acme(try acme(try directoryURL(directory, source: directorySource)))
        }
        if staging { return .acme(try acme(letsEncryptStaging)) }
        if names.isInternalOnly { return .localCA }
        return .acme(try acme(letsEncryptProduction))
    }

    /// `text` as an ACME directory URL: https (RFC 8555 §6.1), or http to a loopback address, where only a
    /// test CA on this very host can be (Pebble, a local Boulder).
    static func directoryURL(_ text: String, source: SettingOrigin) throws(SidecertError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
            scheme == "https" || scheme == "http"
        else {
            throw .badInput(
                "\(source.quoting(text)) is not an ACME directory URL",
                hint: "give an https:// URL, or 'internal' for the embedded local CA")
        }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if scheme == "http", !(bareHost.lowercased() == "localhost" || IPAddressText.isLoopback(bareHost)) {
            throw .badInput(
                "\(source.quoting(text)) is plain http: ACME requires https (RFC 8555), so the account key and certificates are not sent in the clear",
                hint: "use the https:// URL your CA publishes; http:// is accepted only for a test CA on a loopback address")
        }
        return url
    }

    /// The rate limits of the CA that issues: none for the embedded local CA.
    package var rateLimits: CARateLimits {
        switch self {
        case .acme(let settings): settings.rateLimits
        case .localCA: .unstated
        }
    }

    /// The ACME directory; nil for the embedded local CA.
    package var directoryURL: URL? {
        if case .acme(let settings) = self { return settings.directoryURL }
        return nil
    }
}
