import SidecertACME
import SidecertShell

extension ACMEChallengeType {
    /// Parses `--challenge` (http-01 when unset), refusing combinations no CA accepts (a wildcard needs DNS-01:
    /// RFC 8555 §7.1.3 and RFC 8737 §3 rule out HTTP-01 and TLS-ALPN-01 for one; an IP address cannot have it).
    /// Errors name `source`.
    package static func parse(_ text: String?, names: CertificateNameSet, source: SettingOrigin = .flag("--challenge")) throws(SidecertError)
        -> ACMEChallengeType
    {
        let text = text?.trimmingWhitespace().lowercased() ?? ACMEChallengeType.http01.rawValue
        guard let kind = ACMEChallengeType(rawValue: text) else {
            throw .badInput("\(source.quoting(text)) is not a challenge type", hint: "use http-01, dns-01 or tls-alpn-01")
        }
        if kind != .dns01, let wildcard = names.names.first(where: \.isWildcard) {
            throw .badInput(
                "--domain \(wildcard) is a wildcard, which CAs validate only with DNS-01, not \(source.quoting(kind.rawValue))",
                hint: "use --challenge dns-01, or list the names instead of a wildcard")
        }
        // RFC 8738: an IP address has no DNS name to hold a TXT record; the CA offers no dns-01 for it.
        if kind == .dns01, let address = names.names.first(where: { $0.kind == .ipAddress }) {
            throw .badInput(
                "--domain \(address) is an IP address, which CAs validate only with http-01 or tls-alpn-01, not dns-01",
                hint: "issue IP addresses in a certificate of their own with --challenge http-01")
        }
        return kind
    }
}
