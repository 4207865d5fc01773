import SidecertACME

import struct Foundation.URL

/// How to talk to an ACME CA: where, with which trust roots and account, proving control how.
public struct ACMESettings: Sendable {
    public var directoryURL: URL
    /// Extra trust roots for the CA's HTTPS endpoint (a private CA, Pebble).
    public var caBundlePath: String?
    public var contact: ContactEmail?
    public var agreeToTermsOfService: Bool
    public var externalAccountBinding: ExternalAccountBinding?
    public var challenge: ChallengeKind
    /// Also answer HTTP-01 from this process, on this address.
    public var httpListen: ListenAddress?
    public var profile: String?
    /// The CA's rate limits, as it states them; from the directory URL unless a test says otherwise.
    public var rateLimits: CARateLimits

    public init(
        directoryURL: URL,
        caBundlePath: String?,
        contact: ContactEmail?,
        agreeToTermsOfService: Bool,
        externalAccountBinding: ExternalAccountBinding?,
        challenge: ChallengeKind,
        httpListen: ListenAddress?,
        profile: String?
    ) {
        self.directoryURL = directoryURL
        self.caBundlePath = caBundlePath
        self.contact = contact
        self.agreeToTermsOfService = agreeToTermsOfService
        self.externalAccountBinding = externalAccountBinding
        self.challenge = challenge
        self.httpListen = httpListen
        self.profile = profile
        self.rateLimits = CARateLimits.stated(by: directoryURL)
    }
}

/// The ways to prove control of a name (`--challenge`).
public enum ChallengeKind: String, Sendable, CaseIterable {
    case http01 = "http-01"
    case dns01 = "dns-01"
    case tlsALPN01 = "tls-alpn-01"

    /// Parses `--challenge`, refusing combinations no CA accepts (a wildcard needs DNS-01).
    public static func parse(_ text: String?, names: CertificateNameSet, source: SettingOrigin = .flag("--challenge")) throws(SidecertError)
        -> ChallengeKind
    {
        let text = text?.trimmingWhitespace().lowercased() ?? ChallengeKind.http01.rawValue
        guard let kind = ChallengeKind(rawValue: text) else {
            throw .badInput("\(source.quoting(text)) is not a challenge type", hint: "use http-01, dns-01 or tls-alpn-01")
        }
        if kind != .dns01, let wildcard = names.names.first(where: \.isWildcard) {
            throw .badInput(
                "--domain \(wildcard) is a wildcard, which CAs validate only with DNS-01, not \(kind.rawValue)",
                hint: "use --challenge dns-01, or list the names instead of a wildcard")
        }
        guard kind == .http01 else {
            throw .badInput(
                "--challenge \(kind.rawValue) is not available in this version of sidecert",
                hint: "use --challenge http-01 and serve <storage>/acme-challenge/ at /.well-known/acme-challenge/")
        }
        return kind
    }
}

/// A `HOST:PORT` to listen on (`--http-listen`, `--admin-listen`); `[::1]:80` for IPv6.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// - Parameter source: what the error names: the flag, variable or file line the text came from.
    public init(parsing text: String, source: SettingOrigin) throws(SidecertError) {
        let invalid = SidecertError.badInput("\(source.quoting(text)) is not HOST:PORT", hint: "for example 0.0.0.0:80 or [::]:80")
        guard let colon = text.lastIndex(of: ":") else { throw invalid }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port), !host.isEmpty else {
            throw invalid
        }
        self.host = host
        self.port = port
    }
}
