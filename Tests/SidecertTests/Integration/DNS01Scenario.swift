import Foundation
import SidecertDNS
import SidecertTestSupport
import Testing

/// A real authoritative DNS server (``DNSPeer``), a real Pebble resolving names through it (its
/// `-dnsserver`, so it looks the DNS-01 records up there), and an empty volume: the topology of every
/// DNS-01 test.
struct DNS01Scenario {
    let dns: DNSPeer
    let pebble: PebbleEnvironment
    let volume: TemporaryVolume

    /// - Parameters: see ``DNSPeer/start(_:secondary:resolver:)``; Pebble asks the resolver when there is one.
    static func start(_ implementation: DNSPeer.Implementation, secondary: Bool = false, resolver: Bool = false) async throws -> DNS01Scenario {
        let dns = try await DNSPeer.start(implementation, secondary: secondary, resolver: resolver)
        do {
            let pebble = try await PebbleEnvironment.start(dnsServer: dns.lookupServer)
            return DNS01Scenario(dns: dns, pebble: pebble, volume: try TemporaryVolume())
        } catch {
            dns.stop()
            throw error
        }
    }

    func stop() {
        pebble.stop()
        dns.stop()
    }

    /// `ensure --challenge dns-01` for `domains` against this Pebble, records written through `provider`
    /// (the peer's own provider flags by default: rfc2136 for BIND and Knot, pdns for PowerDNS).
    func ensureArguments(_ domains: [String] = DNSTestZone.wildcardDomains, provider: [String]? = nil, extra: [String] = []) -> [String] {
        ["ensure", "--storage", volume.path, "--challenge", "dns-01"] + pebble.sidecertFlags() + domains.flatMap { ["--domain", $0] }
            + (provider ?? dns.providerFlags()) + extra
    }

    /// Writes `script` to the DNS peer's folder as the executable `name`: a program for `--dns-provider exec`.
    func execHook(_ name: String, _ script: String) throws -> String {
        let path = dns.directory + "/" + name
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// An exec hook in lego's convention (`PROGRAM present|cleanup FQDN VALUE`) that writes to the primary
    /// through nsupdate. It appends each call's arguments to the file `calls`, when given, and fails
    /// `cleanup` for the values listed in the file `stuck`, when given (a zone that moved elsewhere).
    func nsupdateHook(recordingCallsIn calls: String? = nil, refusingCleanupOf stuck: String? = nil) throws -> String {
        let record = calls.map { "echo \"$1 $2 $3\" >> '\($0)'" } ?? ""
        let refuse = stuck.map { "if grep -qxF -- \"$3\" '\($0)'; then echo \"the zone of $2 moved elsewhere\" >&2; exit 1; fi" } ?? ""
        return try execHook(
            "nsupdate-hook",
            """
            #!/bin/sh
            set -eu
            \(record)
            case "$1" in
                present) change="update add $2 60 TXT \\"$3\\"" ;;
                cleanup)
                    \(refuse)
                    change="update delete $2 TXT \\"$3\\"" ;;
                *) exit 0 ;;
            esac
            nsupdate -y 'hmac-sha256:\(DNSTestZone.keyName):\(DNSTestZone.secret)' <<EOF
            server \(dns.primary.host) 53
            zone \(DNSTestZone.zone)
            $change
            send
            EOF

            """)
    }

    /// Runs `sidecert` to completion.
    func sidecert(_ arguments: [String], environment: [String: String] = [:]) async throws -> SidecertResult {
        try await SidecertProcess.run(arguments, environment: environment, timeout: .seconds(180))
    }

    /// What `status --json` says.
    func status() async throws -> StatusJSON {
        let result = try await sidecert(["status", "--storage", volume.path, "--json"])
        #expect(result.status == 0, "status failed: \(result.stderr)")
        return try JSONDecoder().decode(StatusJSON.self, from: Data(result.stdout.utf8))
    }

    /// The TXT values at `name` on the primary that are not the one that was there before the test: ours.
    func ourTXTValues(at name: String = DNSTestZone.challengeName) async throws -> [String] {
        try await dns.txtValues(at: name).filter { $0 != DNSTestZone.preExistingValue }
    }

    /// Pebble's log lines of requests telling it to validate a challenge (`POST /chalZ/ -> calling handler()`).
    func challengeResponses() -> [String] {
        pebble.logLines().filter { $0.contains("POST /chalZ/") }
    }

    /// Pebble's log lines of authorizations its validator found valid (`authz <id> set VALID by completed
    /// challenge <id>`), one per authorization.
    func validatedAuthorizations() -> [String] {
        pebble.logLines().filter { $0.contains(" set VALID by completed challenge ") }
    }
}
