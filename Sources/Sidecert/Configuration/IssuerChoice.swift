import struct Foundation.URL

/// Which CA issues: an ACME directory, or the embedded local CA for names no public CA certifies.
public enum IssuerChoice: Sendable {
    case acme(ACMESettings)
    case localCA

    public static let letsEncryptProduction = URL(string: "https://acme-v02.api.letsencrypt.org/directory")!
    public static let letsEncryptStaging = URL(string: "https://acme-staging-v02.api.letsencrypt.org/directory")!

    /// Resolves `--directory` / `--staging` against the requested names: with neither given, names that
    /// only a private CA can certify go to the embedded local CA, everything else to Let's Encrypt.
    ///
    /// - Parameter directorySource: what errors about the directory name: the flag, variable or file line.
    public static func resolve(
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
            guard let url = URL(string: directory), url.scheme == "https" || url.scheme == "http", url.host != nil else {
                throw .badInput(
                    "\(directorySource.quoting(directory)) is not an ACME directory URL",
                    hint: "give an https:// URL, or 'internal' for the embedded local CA")
            }
            return .acme(try acme(url))
        }
        if staging { return .acme(try acme(letsEncryptStaging)) }
        if names.isInternalOnly { return .localCA }
        return .acme(try acme(letsEncryptProduction))
    }

    /// The rate limits of the CA that issues: none for the embedded local CA.
    public var rateLimits: CARateLimits {
        switch self {
        case .acme(let settings): settings.rateLimits
        case .localCA: .unstated
        }
    }

    /// The ACME directory; nil for the embedded local CA.
    public var directoryURL: URL? {
        if case .acme(let settings) = self { return settings.directoryURL }
        return nil
    }
}
