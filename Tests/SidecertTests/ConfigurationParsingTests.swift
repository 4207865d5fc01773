import SidecertACME
import SidecertHTTPServer
import Testing

import struct Foundation.URL

@testable import Sidecert

@Suite("Parsing flag values: durations, e-mail, listen addresses, challenges")
struct ConfigurationParsingTests {
    @Test(
        "parses durations",
        arguments: [
            ("90", Duration.seconds(90)), ("30s", .seconds(30)), ("5m", .seconds(300)), ("1h30m", .seconds(5400)),
            ("500ms", .milliseconds(500)), ("2d", .seconds(172_800)), ("1.5", .milliseconds(1500)),
        ])
    func durations(text: String, expected: Duration) throws {
        #expect(try DurationText.parse(text, source: .flag("--wait")) == expected)
    }

    @Test("refuses what is not a duration", arguments: ["", "m", "5x", "-5s", "5 m", "abc", "5m30", "1e400"])
    func badDurations(text: String) {
        #expect(throws: SidecertError.self) { try DurationText.parse(text, source: .flag("--wait")) }
    }

    @Test("accepts e-mail addresses", arguments: ["admin@example.com", "a.b+tag@sub.example.org", "ops@bücher.example"])
    func emails(text: String) throws {
        #expect(try ContactEmail(parsing: text).mailtoURI.hasPrefix("mailto:"))
    }

    @Test(
        "refuses what is not an e-mail address",
        arguments: [
            "", "admin", "@example.com", "admin@", "a@b@example.com", "admin@localhost", "ad min@example.com", "admin@exa_mple.com",
            "<a>@example.com",
        ])
    func badEmails(text: String) {
        #expect(throws: SidecertError.self) { try ContactEmail(parsing: text) }
    }

    @Test("parses listen addresses")
    func listenAddresses() throws {
        let v4 = try ListenAddress(parsing: "0.0.0.0:80", source: .flag("--http-listen"))
        #expect(v4.host == "0.0.0.0" && v4.port == 80)
        let v6 = try ListenAddress(parsing: "[::1]:8080", source: .flag("--http-listen"))
        #expect(v6.host == "::1" && v6.port == 8080)
        for bad in ["80", ":80", "host:", "host:99999", "host:http"] {
            #expect(throws: SidecertError.self) { try ListenAddress(parsing: bad, source: .flag("--http-listen")) }
        }
    }

    @Test("a wildcard cannot be validated over HTTP-01")
    func wildcardNeedsDNS01() throws {
        let names = try CertificateNameSet(parsing: ["*.example.com"])
        #expect(throws: SidecertError.self) { try ACMEChallengeType.parse(nil, names: names) }
        #expect(throws: SidecertError.self) { try ACMEChallengeType.parse("carrier-pigeon", names: names) }
        #expect(try ACMEChallengeType.parse("HTTP-01", names: CertificateNameSet(parsing: ["a.example.com"])) == .http01)
        #expect(try ACMEChallengeType.parse("dns-01", names: names) == .dns01)
    }

    @Test("an IP address cannot be validated over DNS-01")
    func ipAddressNeedsAnotherChallenge() throws {
        let names = try CertificateNameSet(parsing: ["a.example.com", "192.0.2.1"])
        let error = #expect(throws: SidecertError.self) { try ACMEChallengeType.parse("dns-01", names: names) }
        #expect(error?.message.contains("--domain 192.0.2.1 is an IP address") == true)
        #expect(try ACMEChallengeType.parse("http-01", names: names) == .http01)
    }

    @Test("with no --directory, internal names go to the local CA and public ones to Let's Encrypt")
    func issuerChoice() throws {
        let settings: (URL) throws(SidecertError) -> ACMESettings = { url in
            ACMESettings(
                directoryURL: url, caBundlePath: nil, contact: nil, agreeToTermsOfService: true, externalAccountBinding: nil, challenge: .http01,
                profile: nil)
        }
        let internalNames = try CertificateNameSet(parsing: ["localhost", "127.0.0.1"])
        let publicNames = try CertificateNameSet(parsing: ["example.com", "localhost"])
        guard case .localCA = try IssuerChoice.resolve(directory: nil, staging: false, names: internalNames, acme: settings) else {
            Issue.record("internal names should use the local CA")
            return
        }
        guard case .acme(let acme) = try IssuerChoice.resolve(directory: nil, staging: false, names: publicNames, acme: settings) else {
            Issue.record("public names should use ACME")
            return
        }
        #expect(acme.directoryURL == IssuerChoice.letsEncryptProduction)
        guard case .localCA = try IssuerChoice.resolve(directory: "internal", staging: false, names: publicNames, acme: settings) else {
            Issue.record("--directory internal forces the local CA")
            return
        }
        #expect(throws: SidecertError.self) { try IssuerChoice.resolve(directory: "ftp://x", staging: false, names: publicNames, acme: settings) }
        #expect(throws: SidecertError.self) {
            try IssuerChoice.resolve(directory: "https://x/dir", staging: true, names: publicNames, acme: settings)
        }
    }
}
