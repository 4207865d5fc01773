import Logging
import SidecertACME
import SidecertDNS
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Answers DNS-01: a TXT record at `_acme-challenge.<name>` (or where a CNAME there points: delegation to a
/// validation zone), written by a ``DNSRecordWriter``, and waited for on EVERY authoritative server of the
/// zone before the CA is told to look, as Let's Encrypt's geographically spread resolvers may ask any.
///
/// A wildcard and its base name share one record name: both values are present together. Clean-up removes
/// exactly the values presented.
package struct DNS01Solver: ChallengeSolver {
    package let challengeType = ACMEChallengeType.dns01
    package let writer: any DNSRecordWriter
    let discovery: DNSZoneDiscovery
    /// The most the wait for every authoritative server may take (`--dns-propagation-timeout`).
    package let propagationTimeout: Duration
    let logger: Logger
    /// When the wait first says which servers it still waits for (a record every server serves at once
    /// is not worth a line), then how often it says it again.
    static let firstProgressReport: Duration = .seconds(1)
    static let progressInterval: Duration = .seconds(10)

    package init(writer: any DNSRecordWriter, discovery: DNSZoneDiscovery, propagationTimeout: Duration, logger: Logger) {
        self.writer = writer
        self.discovery = discovery
        self.propagationTimeout = propagationTimeout
        self.logger = logger
    }

    /// Where one answer's record goes.
    struct Placement: Hashable {
        var name: DNSName
        var zone: DNSName
        var value: String
    }

    /// The record name, zone and value of each answer, following a CNAME at `_acme-challenge.<name>`.
    func placements(_ answers: [ChallengeAnswer]) async throws -> [Placement] {
        var placements: [Placement] = []
        var zones: [DNSName: (name: DNSName, zone: DNSName)] = [:]
        for answer in answers {
            let challengeName = try DNSName(answer.identifier.value).prepending(label: "_acme-challenge")
            let target: (name: DNSName, zone: DNSName)
            if let known = zones[challengeName] {
                target = known
            } else {
                let name = try await discovery.followCNAMEs(from: challengeName)
                target = (name, try await discovery.findZone(for: name))
                zones[challengeName] = target
            }
            placements.append(Placement(name: target.name, zone: target.zone, value: answer.dnsRecordValue))
        }
        return placements
    }

    /// Before any order, everything an issuance will need that can be checked without writing: for each
    /// name's `_acme-challenge` (its CNAME followed), the zone and its authoritative servers through the
    /// resolver, and the writer's access to that zone (see ``DNSRecordWriter/checkAccess(zone:)``).
    package func checkAccess(for identifiers: [String]) async throws {
        var checkedZones: Set<DNSName> = []
        for identifier in identifiers {
            let name = try DNSName(identifier.hasPrefix("*.") ? String(identifier.dropFirst(2)) : identifier).prepending(label: "_acme-challenge")
            let zone = try await discovery.findZone(for: try await discovery.followCNAMEs(from: name))
            guard checkedZones.insert(zone).inserted else { continue }
            _ = try await discovery.authoritativeServers(of: zone)
            try await writer.checkAccess(zone: zone)
        }
    }

    package func present(_ answers: [ChallengeAnswer]) async throws {
        for placement in try await placements(answers) {
            logger.info(
                "adding the DNS-01 record", metadata: ["record": "\(placement.name)", "zone": "\(placement.zone)", "provider": "\(writer)"])
            try await writer.add(placement.value, at: placement.name, zone: placement.zone)
        }
    }

    package func waitUntilVisible(_ answers: [ChallengeAnswer], deadline: Date) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start.advanced(by: min(propagationTimeout, .seconds(max(0, deadline.timeIntervalSinceNow))))
        var serversOfZone: [DNSName: [DNSAuthoritativeServer]] = [:]
        for placement in Set(try await placements(answers)) {
            if serversOfZone[placement.zone] == nil {
                serversOfZone[placement.zone] = try await discovery.authoritativeServers(of: placement.zone)
            }
            let servers = serversOfZone[placement.zone] ?? []
            do {
                try await wait(for: placement, on: servers, deadline: end, clock: clock, start: start)
            } catch let error as DNSError where error.code == .propagationTimedOut {
                let waited = start.duration(to: clock.now)
                let seconds = Int((Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18).rounded())
                throw DNSError(code: error.code, message: "\(error.message) after \(seconds) s", responseCode: error.responseCode)
            }
            logger.info(
                "every authoritative server serves the DNS-01 record", metadata: ["record": "\(placement.name)", "servers": "\(servers.count)"])
        }
    }

    /// Waits until every server serves `placement`'s value, saying now and then which ones do not yet (the
    /// first time after ``firstProgressReport``).
    private func wait(
        for placement: Placement, on servers: [DNSAuthoritativeServer], deadline end: ContinuousClock.Instant, clock: ContinuousClock,
        start: ContinuousClock.Instant
    ) async throws {
        let nextReport = Mutex(clock.now.advanced(by: Self.firstProgressReport))
        try await discovery.waitForTXT(placement.value, at: placement.name, on: servers, deadline: end) { missing in
            let now = clock.now
            let due = nextReport.withLock { next in
                guard now >= next else { return false }
                next = now.advanced(by: Self.progressInterval)
                return true
            }
            guard due else { return }
            logger.info(
                "waiting for every authoritative server to serve the DNS-01 record",
                metadata: [
                    "record": "\(placement.name)", "missing": "\(missing.map(\.description).joined(separator: ", "))",
                    "waited": "\(start.duration(to: now))", "gives up after": "\(propagationTimeout)",
                ])
        }
    }

    package func cleanUp(_ answers: [ChallengeAnswer]) async throws {
        var firstError: (any Error)?
        for placement in try await placements(answers) {
            do {
                try await writer.remove(placement.value, at: placement.name, zone: placement.zone)
            } catch {
                logger.warning("could not remove the DNS-01 record", metadata: ["record": "\(placement.name)", "error": "\(error)"])
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
    }
}
