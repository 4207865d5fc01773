import Foundation
import SidecertDNS
import SidecertTestSupport
import Testing

@testable import SidecertVolume

/// DNS-01 end to end: a real Pebble validating through a real authoritative DNS server (BIND 9, Knot DNS,
/// PowerDNS Authoritative) that sidecert writes to through each provider.
@Suite("DNS-01 against real DNS servers", .serialized, .requiresPebble, .tags(.realPeers))
struct DNS01IssuanceTests {
    @Test("rfc2136 on BIND 9: a wildcard and its apex, both TXT values at one name before either is answered", .requiresBIND)
    func wildcardThroughRFC2136OnBIND() async throws {
        try await Self.issueWildcardAndApex(.bind)
    }

    @Test("rfc2136 on Knot DNS: a wildcard and its apex", .requiresKnot)
    func wildcardThroughRFC2136OnKnot() async throws {
        try await Self.issueWildcardAndApex(.knot)
    }

    @Test("pdns on PowerDNS Authoritative's HTTP API: a wildcard and its apex", .requiresPowerDNS)
    func wildcardThroughPowerDNSAPI() async throws {
        try await Self.issueWildcardAndApex(.powerDNS)
    }

    @Test("exec: a script calling nsupdate, run as PROGRAM present|cleanup FQDN VALUE (lego's convention)", .requiresBIND)
    func wildcardThroughExecScript() async throws {
        let scenario = try await DNS01Scenario.start(.bind)
        defer { scenario.stop() }
        let calls = scenario.dns.directory + "/calls"
        let script = try scenario.nsupdateHook(recordingCallsIn: calls)
        let provider = scenario.dns.execProviderFlags(command: script)

        let presented = try await Self.issueWildcardAndApex(scenario, provider: provider)
        let lines = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n").map(String.init)
        let fqdn = DNSTestZone.challengeName + "."
        #expect(lines.filter { $0.hasPrefix("present ") }.sorted() == presented.map { "present \(fqdn) \($0)" }, "\(lines)")
        #expect(lines.filter { $0.hasPrefix("cleanup ") }.sorted() == presented.map { "cleanup \(fqdn) \($0)" }, "\(lines)")
    }

    @Test("an exec program that fails: exit 1, its status and output in words, and cleanup still called", .requiresBIND)
    func failingExecProgram() async throws {
        let scenario = try await DNS01Scenario.start(.bind)
        defer { scenario.stop() }
        let calls = scenario.dns.directory + "/calls"
        let script = try scenario.execHook(
            "failing-hook",
            """
            #!/bin/sh
            echo "$1" >> '\(calls)'
            echo "the DNS API said 403 Forbidden for $2"
            exit 3

            """)
        let provider = scenario.dns.execProviderFlags(command: script)
        let result = try await scenario.sidecert(scenario.ensureArguments(["x.example.test"], provider: provider))
        #expect(result.status == 1, "\(result.stderr)")
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("sidecert: error:") }
        #expect(
            errors == [
                "sidecert: error: DNS-01 for x.example.test: \(script) present \(DNSTestZone.challengeName). exited with status 3: the DNS API said 403 Forbidden for \(DNSTestZone.challengeName)."
            ], "\(result.stderr)")
        #expect(try String(contentsOfFile: calls, encoding: .utf8) == "present\ncleanup\n", "what was (maybe) presented is cleaned up")
        #expect(scenario.challengeResponses().isEmpty)
    }

    @Test("a _acme-challenge CNAME into a validation zone is followed: the record is written and removed there", .requiresBIND)
    func cnameToAValidationZone() async throws {
        // Pebble and sidecert look names up through a recursive resolver, as a CA does: an authoritative server
        // does not follow a CNAME into another zone.
        let scenario = try await DNS01Scenario.start(.bind, resolver: true)
        defer { scenario.stop() }
        let result = try await scenario.sidecert(scenario.ensureArguments([DNSTestZone.delegatedDomain]))
        #expect(result.status == 0, "ensure failed: \(result.stderr)")
        let installed = try InstalledCertificate.load(layout: VolumeLayout(root: scenario.volume.path), name: DNSTestZone.delegatedDomain)
        #expect(installed?.names == [DNSTestZone.delegatedDomain])
        let dns = scenario.dns
        #expect(dns.logLineCount(containing: "adding an RR at '\(DNSTestZone.delegatedTarget)' TXT") == 1, "\(dns.logTail())")
        // BIND names the record of a deletion without quotes.
        #expect(dns.logLineCount(containing: "deleting an RR at \(DNSTestZone.delegatedTarget) TXT") == 1, "\(dns.logTail())")
        #expect(dns.logLineCount(containing: "updating zone '\(DNSTestZone.zone)/IN'") == 0, "nothing is written in the CNAME's own zone")
        #expect(try await dns.txtValues(at: DNSTestZone.delegatedTarget) == [DNSTestZone.preExistingValue])
    }

    // MARK: - Helpers

    static func issueWildcardAndApex(_ implementation: DNSPeer.Implementation) async throws {
        let scenario = try await DNS01Scenario.start(implementation)
        defer { scenario.stop() }
        try await issueWildcardAndApex(scenario, provider: nil)
    }

    /// Issues `*.x.example.test` + `x.example.test`, held at challenge-presented to look at the server and
    /// at Pebble; returns the two values that were presented.
    @discardableResult
    static func issueWildcardAndApex(_ scenario: DNS01Scenario, provider: [String]?) async throws -> [String] {
        let release = scenario.dns.directory + "/release"
        let holder = try SidecertProcess.start(
            scenario.ensureArguments(provider: provider), environment: ["SIDECERT_TEST_FAULT": "challenge-presented:hold=\(release)"])
        defer { holder.stop() }
        try await holder.waitForOutput(containing: "holding at challenge-presented", timeout: .seconds(120))

        let presented = try await scenario.ourTXTValues()
        #expect(presented.count == 2, "both values are at \(DNSTestZone.challengeName) before the CA is told: \(presented)")
        #expect(scenario.challengeResponses().isEmpty, "the CA was told before every value was visible:\n\(scenario.pebble.logTail())")
        FileManager.default.createFile(atPath: release, contents: nil)

        let result = try await holder.wait(timeout: .seconds(180))
        #expect(result.status == 0, "ensure failed: \(result.stderr)\n\(scenario.dns.logTail())")
        let installed = try InstalledCertificate.load(layout: VolumeLayout(root: scenario.volume.path), name: DNSTestZone.wildcardCertName)
        #expect(Set(installed?.names ?? []) == Set(DNSTestZone.wildcardDomains))
        #expect(scenario.pebble.orderCount() == 1)
        #expect(scenario.validatedAuthorizations().count == 2, "Pebble validated both names:\n\(scenario.pebble.logTail())")
        #expect(try await scenario.ourTXTValues().isEmpty, "every value sidecert added is removed")
        #expect(try await scenario.dns.txtValues(at: DNSTestZone.challengeName) == [DNSTestZone.preExistingValue], "the unrelated value stays")
        #expect(!FileManager.default.fileExists(atPath: scenario.volume.path("presented/\(DNSTestZone.wildcardCertName).json")))
        return presented.sorted()
    }
}
