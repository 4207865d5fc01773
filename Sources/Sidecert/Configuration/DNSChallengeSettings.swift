import SidecertDNS
import SidecertShell

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How DNS-01 records are written and checked: the provider and its credentials, where the zone is looked
/// up, how long to wait for every authoritative server.
package struct DNSChallengeSettings: Sendable {
    /// Who writes the TXT records.
    package enum Provider: Sendable {
        /// Dynamic UPDATE (RFC 2136) signed with TSIG, to the zone's primary.
        case rfc2136(server: DNSServerAddress, key: TSIGKey)
        /// The PowerDNS Authoritative HTTP API.
        case powerDNS(apiURL: URL, apiKey: String, serverID: String)
        /// An operator's program, run as `PROGRAM present|cleanup FQDN VALUE`.
        case exec(program: String)
    }

    package var provider: Provider
    /// The resolver the SOA/NS walk starts from; nil: the first `nameserver` of /etc/resolv.conf.
    package var resolver: DNSServerAddress?
    /// How long to wait until every authoritative server serves the record.
    package var propagationTimeout: Duration

    package init(provider: Provider, resolver: DNSServerAddress?, propagationTimeout: Duration) {
        self.provider = provider
        self.resolver = resolver
        self.propagationTimeout = propagationTimeout
    }

    /// The DNS-01 settings `settings` describe; every mistake is bad input naming where it came from.
    package init(reading settings: Settings) throws(SidecertError) {
        let resolver = try settings.parsed(.dnsResolver, as: "HOST[:PORT]", hint: "for example 127.0.0.53:53") {
            try? DNSServerAddress(parsing: $0)
        }
        let timeout = try settings.duration(.dnsPropagationTimeout, default: .seconds(120))
        self.init(provider: try Self.provider(settings), resolver: resolver, propagationTimeout: timeout)
    }

    private static func provider(_ settings: Settings) throws(SidecertError) -> Provider {
        guard let name = settings.string(.dnsProvider) else {
            throw .badInput(
                "--challenge dns-01 needs --dns-provider",
                hint: "use rfc2136 (a DNS server taking TSIG-signed updates), pdns (PowerDNS's API) or exec")
        }
        switch name.lowercased() {
        case "rfc2136": return try rfc2136(settings)
        case "pdns", "powerdns": return try powerDNS(settings)
        case "exec": return try exec(settings)
        default:
            throw .badInput("\(settings.origin(of: .dnsProvider).quoting(name)) is not a DNS provider", hint: "use rfc2136, pdns or exec")
        }
    }

    private static func rfc2136(_ settings: Settings) throws(SidecertError) -> Provider {
        guard let serverText = settings.string(.rfc2136Server) else {
            throw .badInput("--dns-provider rfc2136 needs --rfc2136-server", hint: "give the zone's primary, HOST or HOST:PORT")
        }
        let server: DNSServerAddress
        do {
            server = try DNSServerAddress(parsing: serverText)
        } catch {
            throw .badInput("\(settings.origin(of: .rfc2136Server).quoting(serverText)) is not HOST[:PORT]: \(error.message)")
        }
        guard let keyName = settings.string(.rfc2136TSIGKey) else {
            throw .badInput("--dns-provider rfc2136 needs --rfc2136-tsig-key", hint: "give the TSIG key's name as the DNS server knows it")
        }
        let algorithmText = settings.string(.rfc2136TSIGAlgorithm) ?? "hmac-sha256"
        let algorithm: TSIGAlgorithm
        do {
            algorithm = try TSIGAlgorithm(algorithmText)
        } catch {
            throw .badInput(
                "\(settings.origin(of: .rfc2136TSIGAlgorithm).quoting(algorithmText)) is not a TSIG algorithm",
                hint: "use hmac-sha256, hmac-sha384, hmac-sha512 or hmac-sha1")
        }
        let (secret, secretOrigin) = try secretText(settings, value: .rfc2136TSIGSecret, file: .rfc2136TSIGSecretFile, what: "the TSIG secret")
        do {
            return .rfc2136(server: server, key: try TSIGKey(name: try DNSName(keyName), algorithm: algorithm, base64Secret: secret))
        } catch {
            throw .badInput(
                "\(secretOrigin) is not a usable TSIG key: \(error.message)", hint: "give the key's secret in base64, as tsig-keygen prints it")
        }
    }

    private static func powerDNS(_ settings: Settings) throws(SidecertError) -> Provider {
        guard let urlText = settings.string(.pdnsAPIURL) else {
            throw .badInput("--dns-provider pdns needs --pdns-api-url", hint: "give the API's base URL, e.g. http://pdns:8081")
        }
        guard let url = URL(string: urlText), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw .badInput("\(settings.origin(of: .pdnsAPIURL).quoting(urlText)) is not an http(s) URL")
        }
        let (key, _) = try secretText(settings, value: .pdnsAPIKey, file: .pdnsAPIKeyFile, what: "the PowerDNS API key")
        return .powerDNS(apiURL: url, apiKey: key, serverID: settings.string(.pdnsServerID) ?? "localhost")
    }

    private static func exec(_ settings: Settings) throws(SidecertError) -> Provider {
        guard let program = settings.string(.dnsExecCommand) else {
            throw .badInput("--dns-provider exec needs --dns-exec-command", hint: "give the program to run as PROGRAM present|cleanup FQDN VALUE")
        }
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw .badInput(
                "\(settings.origin(of: .dnsExecCommand).quoting(program)) is not an executable file",
                hint: "give the program's path and make it executable (chmod +x)")
        }
        return .exec(program: program)
    }

    /// A secret given as a value or in a file (so it need not sit in the environment); exactly one of them.
    private static func secretText(_ settings: Settings, value: Setting, file: Setting, what: String) throws(SidecertError)
        -> (text: String, origin: String)
    {
        switch (settings.string(value), settings.string(file)) {
        case (let text?, nil):
            return (text, "\(settings.origin(of: value))")
        case (nil, let path?):
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw .badInput("\(settings.origin(of: file).quoting(path)) cannot be read", hint: "give a readable file holding \(what)")
            }
            let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
            guard !text.isEmpty else { throw .badInput("\(settings.origin(of: file).quoting(path)) is empty", hint: "it must hold \(what)") }
            return (text, "\(settings.origin(of: file)) \(path)")
        case (nil, nil):
            throw .badInput("\(what) is missing", hint: "give \(value.flag) or \(file.flag)")
        case (_?, _?):
            throw .badInput("\(value.flag) and \(file.flag) both give \(what)", hint: "give one of them")
        }
    }
}
