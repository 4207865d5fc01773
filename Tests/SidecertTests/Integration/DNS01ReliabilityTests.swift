import Foundation
import SidecertDNS
import SidecertTestSupport
import Testing

@testable import SidecertVolume

/// DNS-01 when things go wrong or crowd in: a secondary that lags, a holder that dies with records
/// published, twenty replicas at once. Real BIND 9 and Pebble.
@Suite("DNS-01: propagation, crashes, fleets", .serialized, .requiresPebble, .requiresBIND, .tags(.realPeers))
struct DNS01ReliabilityTests {
    @Test("the CA is not told until the secondary serves the records too")
    func waitsForTheSecondary() async throws {
        let scenario = try await DNS01Scenario.start(.bind, secondary: true)
        defer { scenario.stop() }
        let secondary = try #require(scenario.dns.secondary)
        let ensure = try SidecertProcess.start(scenario.ensureArguments())
        defer { ensure.stop() }

        // The progress line names the server still missing the record: sidecert has looked, and waits.
        try await ensure.waitForOutput(containing: "waiting for every authoritative server", timeout: .seconds(120))
        #expect(ensure.stderrSoFar.contains("ns2.example.test (\(secondary.host))"), "\(ensure.stderrSoFar)")
        #expect(try await scenario.ourTXTValues().count == 2, "the primary has both values")
        #expect(try await scenario.dns.txtValues(at: DNSTestZone.challengeName, on: secondary) == [DNSTestZone.preExistingValue])
        #expect(scenario.challengeResponses().isEmpty, "the CA was told before the secondary served the records")

        try await scenario.dns.notifySecondary()
        let result = try await ensure.wait(timeout: .seconds(180))
        #expect(result.status == 0, "ensure failed: \(result.stderr)")
        #expect(!scenario.challengeResponses().isEmpty)
        #expect(try await scenario.ourTXTValues().isEmpty)
    }

    @Test("a secondary that never catches up: exit 75 after --dns-propagation-timeout, the records removed, the failure in the ledger")
    func propagationTimesOut() async throws {
        let scenario = try await DNS01Scenario.start(.bind, secondary: true)
        defer { scenario.stop() }
        let secondary = try #require(scenario.dns.secondary)
        let result = try await scenario.sidecert(scenario.ensureArguments(extra: ["--dns-propagation-timeout", "3s"]))
        #expect(result.status == 75, "\(result.stderr)")
        #expect(result.stderr.contains(secondary.host), "the message names the server that lags: \(result.stderr)")
        #expect(result.stderr.contains("--dns-propagation-timeout"), "\(result.stderr)")
        // Said once, in words (how long it waited depends on the machine's load: at least the timeout).
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("sidecert: error:") }
        let expected =
            "sidecert: error: DNS-01 for *.x.example.test, x.example.test: the TXT record at '\(DNSTestZone.challengeName)' is still missing on ns2.example.test (\(secondary.host)) after "
        #expect(errors.count == 1 && errors[0].hasPrefix(expected) && errors[0].hasSuffix(" s"), "\(result.stderr)")

        #expect(try await scenario.ourTXTValues().isEmpty, "the records were removed from the primary")
        #expect(scenario.challengeResponses().isEmpty, "the CA was never told to look")
        #expect(!FileManager.default.fileExists(atPath: scenario.volume.path("presented/\(DNSTestZone.wildcardCertName).json")))
        let status = try await scenario.status()
        let certificate = try #require(status.certificates.first { $0.certName == DNSTestZone.wildcardCertName }, "\(status)")
        #expect(certificate.ledger.consecutiveFailures == 1)
        #expect(certificate.ledger.nextAttemptAllowed != nil)
        #expect(certificate.ledger.lastProblem?.contains(secondary.host) == true, "\(certificate.ledger)")
    }

    @Test("a holder SIGKILLed with the records published: the next ensure removes them, then issues")
    func killedAfterPresenting() async throws {
        let scenario = try await DNS01Scenario.start(.bind)
        defer { scenario.stop() }
        let arguments = scenario.ensureArguments(extra: ["--lease-duration", "60s"])
        let journal = scenario.volume.path("presented/\(DNSTestZone.wildcardCertName).json")

        let killed = try await scenario.sidecert(arguments, environment: ["SIDECERT_TEST_FAULT": "challenge-presented:kill"])
        #expect(killed.status == 128 + SIGKILL, "\(killed.stderr)")
        let leftovers = try await scenario.ourTXTValues()
        #expect(leftovers.count == 2, "the killed holder left its records: \(leftovers)")
        #expect(FileManager.default.fileExists(atPath: journal), "and the journal of what it presented")

        let successor = try await scenario.sidecert(arguments)
        #expect(successor.status == 0, "the next ensure failed: \(successor.stderr)")
        #expect(successor.stderr.contains("removing challenge answers a previous holder left behind"), "\(successor.stderr)")
        #expect(try await scenario.ourTXTValues().isEmpty, "no value of ours is left")
        #expect(try await scenario.dns.txtValues(at: DNSTestZone.challengeName) == [DNSTestZone.preExistingValue], "the unrelated value stays")
        #expect(!FileManager.default.fileExists(atPath: journal))
        let installed = try InstalledCertificate.load(layout: VolumeLayout(root: scenario.volume.path), name: DNSTestZone.wildcardCertName)
        #expect(Set(installed?.names ?? []) == Set(DNSTestZone.wildcardDomains))
    }

    @Test("leftovers the provider cannot remove stay in the journal and do not stop the next issuance")
    func unremovableLeftovers() async throws {
        let scenario = try await DNS01Scenario.start(.bind)
        defer { scenario.stop() }
        // An exec hook whose cleanup fails for the values listed in `stuck` (a zone that moved elsewhere).
        let stuck = scenario.dns.directory + "/stuck"
        try "".write(toFile: stuck, atomically: true, encoding: .utf8)
        let hook = try scenario.nsupdateHook(refusingCleanupOf: stuck)
        let arguments = scenario.ensureArguments(provider: scenario.dns.execProviderFlags(command: hook), extra: ["--lease-duration", "60s"])
        let journal = scenario.volume.path("presented/\(DNSTestZone.wildcardCertName).json")

        let killed = try await scenario.sidecert(arguments, environment: ["SIDECERT_TEST_FAULT": "challenge-presented:kill"])
        #expect(killed.status == 128 + SIGKILL, "\(killed.stderr)")
        let leftovers = try await scenario.ourTXTValues()
        #expect(leftovers.count == 2)
        try leftovers.joined(separator: "\n").appending("\n").write(toFile: stuck, atomically: true, encoding: .utf8)

        let successor = try await scenario.sidecert(arguments)
        #expect(successor.status == 0, "the stuck leftovers stopped the issuance: \(successor.stderr)")
        #expect(successor.stderr.contains("could not remove the challenge answers a previous holder left behind"), "\(successor.stderr)")
        #expect(try await scenario.ourTXTValues() == leftovers.sorted(), "only the values that could not be removed are left")
        let kept = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(kept.contains(DNSTestZone.wildcardDomains[1]), "the journal still lists them for the next holder: \(kept)")
    }

    @Test("20 replicas with dns-01 at once: one order, one set of TXT records")
    func twentyReplicas() async throws {
        let scenario = try await DNS01Scenario.start(.bind)
        defer { scenario.stop() }
        let arguments = scenario.ensureArguments()
        let results = try await withThrowingTaskGroup(of: SidecertResult.self) { group in
            for _ in 0..<20 {
                group.addTask { try await scenario.sidecert(arguments) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for result in results {
            #expect(result.status == 0, "a replica failed: \(result.stderr)")
        }
        #expect(scenario.pebble.orderCount() == 1)
        let dns = scenario.dns
        #expect(dns.logLineCount(containing: "adding an RR at '\(DNSTestZone.challengeName)' TXT") == 2, "\(dns.logTail())")
        #expect(dns.logLineCount(containing: "deleting an RR at \(DNSTestZone.challengeName) TXT") == 2, "\(dns.logTail())")
        #expect(try await scenario.ourTXTValues().isEmpty)
        let archive = try FileManager.default.contentsOfDirectory(atPath: scenario.volume.path("archive/\(DNSTestZone.wildcardCertName)"))
        #expect(archive.count == 1, "exactly one version was published: \(archive)")
    }
}
