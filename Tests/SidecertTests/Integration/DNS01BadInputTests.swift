import Foundation
import SidecertDNS
import SidecertTestSupport
import Testing

/// DNS-01 configuration mistakes: exit 2 naming the flag (or variable, or file), nothing written. Those a
/// DNS server reveals (a key it does not know, a wrong secret, a wrong API key) are configuration too; a DNS
/// server that does not answer is "try again later".
@Suite("DNS-01 bad input: exit 2, the flag named, nothing written")
struct DNS01BadInputTests {
    /// The flags every case starts from: an ACME CA nobody listens at (nothing may reach it anyway).
    static let base = ["--directory", "https://127.0.0.1:9/dir", "--agree-tos", "--domain", "x.example.test"]
    static let rfc2136 = [
        "--challenge", "dns-01", "--dns-provider", "rfc2136", "--rfc2136-server", "127.0.0.1", "--rfc2136-tsig-key", DNSTestZone.keyName,
    ]

    /// Each case: the arguments after `ensure --storage DIR` and the base, the environment, and what the
    /// message must name. `FOLDER` in an argument is a folder of the test's own.
    static let cases: [(arguments: [String], environment: [String: String], expected: String)] = [
        (["--challenge", "dns-01"], [:], "--dns-provider"),
        (["--challenge", "dns-01", "--dns-provider", "route53"], [:], "--dns-provider"),
        (
            ["--challenge", "dns-01", "--dns-provider", "rfc2136", "--rfc2136-tsig-key", "k", "--rfc2136-tsig-secret", "c2VjcmV0"], [:],
            "--rfc2136-server"
        ),
        (rfc2136, [:], "--rfc2136-tsig-secret"),
        (rfc2136 + ["--rfc2136-tsig-secret-file", "FOLDER/missing"], [:], "--rfc2136-tsig-secret-file"),
        (rfc2136 + ["--rfc2136-tsig-secret-file", "FOLDER"], [:], "--rfc2136-tsig-secret-file"),
        (rfc2136 + ["--rfc2136-tsig-secret-file", "FOLDER/empty"], [:], "--rfc2136-tsig-secret-file"),
        (rfc2136 + ["--rfc2136-tsig-secret-file", "FOLDER/not-base64"], [:], "--rfc2136-tsig-secret-file"),
        (rfc2136 + ["--rfc2136-tsig-secret", "not base64!"], [:], "--rfc2136-tsig-secret"),
        (rfc2136, ["SIDECERT_RFC2136_TSIG_SECRET": "not base64!"], "SIDECERT_RFC2136_TSIG_SECRET"),
        (rfc2136 + ["--rfc2136-tsig-secret", DNSTestZone.secret, "--rfc2136-tsig-secret-file", "FOLDER/secret"], [:], "--rfc2136-tsig-secret-file"),
        (rfc2136 + ["--rfc2136-tsig-secret", DNSTestZone.secret, "--rfc2136-tsig-algorithm", "hmac-md5"], [:], "--rfc2136-tsig-algorithm"),
        (rfc2136 + ["--rfc2136-tsig-secret", DNSTestZone.secret, "--dns-resolver", "not an address"], [:], "--dns-resolver"),
        (rfc2136 + ["--rfc2136-tsig-secret", DNSTestZone.secret, "--dns-propagation-timeout", "forever"], [:], "--dns-propagation-timeout"),
        (["--domain", "*.x.example.test", "--challenge", "http-01"], [:], "--challenge dns-01"),
        (["--domain", "192.0.2.1", "--challenge", "dns-01", "--dns-provider", "exec", "--dns-exec-command", "/bin/true"], [:], "--domain 192.0.2.1"),
        (["--challenge", "dns-01", "--dns-provider", "exec"], [:], "--dns-exec-command"),
        (["--challenge", "dns-01", "--dns-provider", "exec", "--dns-exec-command", "FOLDER/secret"], [:], "--dns-exec-command"),
        (["--challenge", "dns-01", "--dns-provider", "exec", "--dns-exec-command", "FOLDER/missing"], [:], "--dns-exec-command"),
        (["--challenge", "dns-01", "--dns-provider", "pdns", "--pdns-api-key", "k"], [:], "--pdns-api-url"),
        (["--challenge", "dns-01", "--dns-provider", "pdns", "--pdns-api-url", "http://127.0.0.1:9"], [:], "--pdns-api-key"),
        (["--challenge", "dns-01", "--dns-provider", "pdns", "--pdns-api-url", "ftp://127.0.0.1", "--pdns-api-key", "k"], [:], "--pdns-api-url"),
    ]

    @Test("ensure refuses bad DNS-01 settings", arguments: 0..<cases.count)
    func refuses(index: Int) async throws {
        let folder = try TemporaryDirectory.make(prefix: "sidecert-dns-input")
        defer { TemporaryDirectory.remove(folder) }
        try DNSTestZone.secret.write(toFile: folder + "/secret", atomically: true, encoding: .utf8)
        try "".write(toFile: folder + "/empty", atomically: true, encoding: .utf8)
        try "this is no base64 !\n".write(toFile: folder + "/not-base64", atomically: true, encoding: .utf8)
        let (arguments, environment, expected) = Self.cases[index]
        try await Self.expectRefusal(
            Self.base + arguments.map { $0.replacingOccurrences(of: "FOLDER", with: folder) }, environment: environment, naming: expected)
    }

    @Test(
        "a TSIG key the server rejects is configuration: exit 2 with the server's answer in words, nothing written",
        .requiresBIND, .requiresKnot, .tags(.realPeers),
        arguments: [DNSPeer.Implementation.bind, .knot])
    func rejectedKey(implementation: DNSPeer.Implementation) async throws {
        let dns = try await DNSPeer.start(implementation)
        defer { dns.stop() }
        let flags = dns.providerFlags()
        let unknownKey = flags.replacing([DNSTestZone.keyName], with: ["nobody-knows-this-key"])
        try await Self.expectRefusal(
            Self.base + ["--challenge", "dns-01"] + unknownKey, naming: "does not know TSIG key 'nobody-knows-this-key'")
        let wrongSecret = flags.replacing([DNSTestZone.secret], with: [Data(repeating: 7, count: 32).base64EncodedString()])
        try await Self.expectRefusal(Self.base + ["--challenge", "dns-01"] + wrongSecret, naming: "wrong secret or algorithm")
        let wrongAlgorithm = flags + ["--rfc2136-tsig-algorithm", "hmac-sha512"]
        try await Self.expectRefusal(Self.base + ["--challenge", "dns-01"] + wrongAlgorithm, naming: "TSIG")
    }

    @Test("an API key PowerDNS refuses, a server ID it does not have: configuration, exit 2, nothing written", .requiresPowerDNS, .tags(.realPeers))
    func rejectedAPIKey() async throws {
        let dns = try await DNSPeer.start(.powerDNS)
        defer { dns.stop() }
        let flags = dns.providerFlags()
        try await Self.expectRefusal(
            Self.base + ["--challenge", "dns-01"] + flags.replacing([DNSPeer.apiKey], with: ["not-the-key"]), naming: "refused the API key")
        try await Self.expectRefusal(
            Self.base + ["--challenge", "dns-01"] + flags + ["--pdns-server-id", "elsewhere"],
            naming: "/servers/elsewhere/zones/example.test. (HTTP 404)")
    }

    @Test("a zone the resolver does not see is exit 2 before any order, whatever the provider", .requiresBIND, .tags(.realPeers))
    func zoneNotSeen() async throws {
        let dns = try await DNSPeer.start(.bind)
        defer { dns.stop() }
        let elsewhere = ["--directory", "https://127.0.0.1:9/dir", "--agree-tos", "--domain", "x.elsewhere.test", "--challenge", "dns-01"]
        let exec = dns.execProviderFlags(command: "/bin/true")
        try await Self.expectRefusal(elsewhere + exec, naming: "'_acme-challenge.x.elsewhere.test'")
        try await Self.expectRefusal(elsewhere + dns.providerFlags(), naming: "'_acme-challenge.x.elsewhere.test'")
        // Every name's zone is checked, not only the first one's.
        let second = Self.base + ["--domain", "y.elsewhere.test", "--challenge", "dns-01"] + dns.providerFlags()
        try await Self.expectRefusal(second, naming: "'_acme-challenge.y.elsewhere.test'")
    }

    @Test("a DNS server that does not answer: exit 75, nothing written", .requiresBIND, .tags(.realPeers))
    func silentServer() async throws {
        let dns = try await DNSPeer.start(.bind)
        defer { dns.stop() }
        let silent = try #require(LoopbackSocket(address: "127.0.0.1"))
        defer { silent.close() }
        let silentAddress = "127.0.0.1:\(silent.port)"
        let flags = dns.providerFlags()
        for arguments in [
            flags.replacing(["--rfc2136-server", dns.primary.host], with: ["--rfc2136-server", silentAddress]),
            flags.replacing(["--dns-resolver", dns.lookupServer], with: ["--dns-resolver", silentAddress]),
        ] {
            let volume = try TemporaryVolume()
            let before = try volume.snapshot()
            let result = try await SidecertProcess.run(
                ["ensure", "--storage", volume.path] + Self.base + ["--challenge", "dns-01"] + arguments, timeout: .seconds(120))
            #expect(result.status == 75, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(silentAddress), "the message names the server: \(result.stderr)")
            let after = try volume.snapshot()
            #expect(after == before, "\(arguments) wrote to the volume: \(after.difference(from: before))")
        }
    }

    /// `ensure --storage <empty volume> <arguments>` exits 2, names `expected`, writes nothing.
    static func expectRefusal(_ arguments: [String], environment: [String: String] = [:], naming expected: String) async throws {
        let volume = try TemporaryVolume()
        let before = try volume.snapshot()
        let result = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path] + arguments, environment: environment, timeout: .seconds(120))
        #expect(result.status == 2, "\(arguments) → \(result.status): \(result.stderr)")
        #expect(result.stderr.contains(expected), "\(arguments): the message should name \(expected): \(result.stderr)")
        let after = try volume.snapshot()
        #expect(after == before, "\(arguments) wrote to the volume: \(after.difference(from: before))")
    }
}
