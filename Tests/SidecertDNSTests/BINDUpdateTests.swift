import Logging
import SidecertTestSupport
import Synchronization
import Testing

@testable import SidecertDNS

/// UPDATE and the propagation check against a real BIND primary and secondary.
@Suite(.requiresBIND, .tags(.realPeers)) struct BINDUpdateTests {
    @Test func addSeeOnEveryServerAndDeleteExactlyOurRecord() async throws {
        try await BINDFixture.with(secondary: true) { bind in
            let client = BINDFixture.client()
            let secondary = try #require(bind.secondary)
            let discovery = DNSZoneDiscovery(client: client, resolver: bind.primary)
            let name = try DNSName("_acme-challenge.www.example.test")
            let value = "added-by-sidecert-\(UInt32.random(in: 0 ... .max))"

            let zone = try await discovery.findZone(for: name)
            #expect(zone == BINDFixture.zone)
            let servers = try await discovery.authoritativeServers(of: zone)
            #expect(servers.map(\.address) == [bind.primary, secondary])
            #expect(servers.map(\.name.description) == ["ns1.example.test", "ns2.example.test"])

            #expect(await discovery.serversMissingTXT(value, at: name, on: servers) == servers, "nobody has it yet")
            try await client.update(.updateAddingTXT(zone: zone, name: name, ttl: 60, value: value), at: bind.primary, key: bind.key)

            // The primary has it at once; the secondary, never notified, does not.
            let missing = await discovery.serversMissingTXT(value, at: name, on: servers)
            #expect(missing.map(\.address) == [secondary])
            #expect(missing.first?.description == "ns2.example.test (\(secondary.host))")

            // Waiting names the missing server, and gives up at the deadline.
            let reported = Mutex<[[DNSAuthoritativeServer]]>([])
            let error = await #expect(throws: DNSError.self) {
                try await discovery.waitForTXT(
                    value,
                    at: name,
                    on: servers,
                    deadline: .now + .milliseconds(300),
                    progress: { missing in reported.withLock { $0.append(missing) } }
                )
            }
            #expect(error?.code == .propagationTimedOut)
            #expect(error?.message.contains("ns2.example.test (\(secondary.host))") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("ns1.example.test") == false)
            #expect(!reported.withLock { $0 }.isEmpty)
            #expect(reported.withLock { $0 }.allSatisfy { $0.map(\.address) == [secondary] })

            // Once the secondary transfers the zone, every server has it.
            try await bind.notifySecondary()
            try await discovery.waitForTXT(value, at: name, on: servers, deadline: .now + .seconds(120))
            #expect(await discovery.serversMissingTXT(value, at: name, on: servers).isEmpty)

            // Deleting removes exactly our value; the record that was there before stays.
            try await client.update(.updateDeletingTXT(zone: zone, name: name, value: value), at: bind.primary, key: bind.key)
            let remaining = try await client.query(name, type: .txt, at: bind.primary, recursionDesired: false)
            #expect(remaining.answers.compactMap(\.data.joinedText) == [BINDFixture.preExistingValue])
        }
    }

    @Test func updatesAreRefusedInWords() async throws {
        try await BINDFixture.with(secondary: false) { bind in
            let client = BINDFixture.client()
            let name = try DNSName("_acme-challenge.refused.example.test")
            let add = try DNSMessage.updateAddingTXT(zone: BINDFixture.zone, name: name, ttl: 60, value: "v")

            // A key the server does not know: BADKEY.
            let unknownKey = try TSIGKey(name: DNSName("no-such-key"), base64Secret: BINDFixture.secret)
            let badKey = await #expect(throws: DNSError.self) { try await client.update(add, at: bind.primary, key: unknownKey) }
            #expect(badKey?.code == .tsigUnknownKey)
            #expect(badKey?.message.hasPrefix("the server does not know TSIG key 'no-such-key'") == true, "\(badKey?.message ?? "")")

            // The right key name with another secret: BADSIG.
            let wrongSecret = try TSIGKey(name: BINDFixture.keyName, base64Secret: "d3Jvbmctc2VjcmV0")
            let badSignature = await #expect(throws: DNSError.self) { try await client.update(add, at: bind.primary, key: wrongSecret) }
            #expect(badSignature?.code == .tsigBadSignature)
            #expect(badSignature?.message.hasPrefix("the TSIG signature was rejected: wrong secret or algorithm") == true)

            // The right key name and secret, another algorithm: BIND says BADKEY (it knows the name with hmac-sha256 only).
            let wrongAlgorithm = try TSIGKey(name: BINDFixture.keyName, algorithm: .hmacSHA512, base64Secret: BINDFixture.secret)
            let badAlgorithm = await #expect(throws: DNSError.self) { try await client.update(add, at: bind.primary, key: wrongAlgorithm) }
            #expect([DNSError.Code.tsigUnknownKey, .tsigBadSignature].contains(badAlgorithm?.code))

            // No key at all: REFUSED.
            let unsigned = await #expect(throws: DNSError.self) { try await client.update(add, at: bind.primary, key: nil) }
            #expect(unsigned?.code == .serverRejected)
            #expect(unsigned?.responseCode == .refused)
            #expect(unsigned?.message.contains("with REFUSED: the server refused the request") == true, "\(unsigned?.message ?? "")")

            // A zone this server does not serve: NOTAUTH.
            let otherZone = try DNSMessage.updateAddingTXT(zone: DNSName("other.test"), name: DNSName("x.other.test"), ttl: 60, value: "v")
            let notAuth = await #expect(throws: DNSError.self) { try await client.update(otherZone, at: bind.primary, key: bind.key) }
            #expect(notAuth?.code == .serverRejected)
            #expect(notAuth?.responseCode == .notAuthoritative)

            // Nothing of the above was written.
            let answer = try await client.query(name, type: .txt, at: bind.primary, recursionDesired: false)
            #expect(answer.responseCode == .nameError)
        }
    }

    @Test func aClockOutsideTheFudgeIsSaidToBeSkewed() async throws {
        try await BINDFixture.with(secondary: false) { bind in
            let behind = DNSClient(
                timeout: .seconds(2),
                attempts: 3,
                logger: Logger(label: "dns-skew-test"),
                wallClock: { DNSClient.secondsSinceEpoch() - 1000 }
            )
            let add = try DNSMessage.updateAddingTXT(zone: BINDFixture.zone, name: DNSName("skew.example.test"), ttl: 60, value: "v")
            let started = ContinuousClock.now
            let error = await #expect(throws: DNSError.self) { try await behind.update(add, at: bind.primary, key: bind.key) }
            let elapsed = Int((ContinuousClock.now - started).components.seconds)
            #expect(error?.code == .tsigBadTime)
            // About 1000 s: the skew is judged when the answer arrives, so a busy machine's delay between
            // BIND's answer and our reading it comes off it; the two clocks' seconds need not tick together either.
            let skew = error?.message.split(separator: " ").drop { $0 != "about" }.dropFirst().first.flatMap { Int($0) }
            #expect(skew.map { (999 - elapsed...1001).contains($0) } == true, "\(error?.message ?? "") after \(elapsed) s")
            #expect(error?.message.contains("more than the 300-second fudge") == true)
        }
    }

    @Test func signedUpdatesWorkWithEveryAlgorithmOverUDPAndTCP() async throws {
        try await BINDFixture.with(secondary: false) { bind in
            let client = BINDFixture.client()
            for key in BINDFixture.keysPerAlgorithm {
                for transport in [DNSTransport.udp, .tcp] {
                    let name = try DNSName("_acme-challenge.\(key.algorithm).\(transport).example.test")
                    let add = try DNSMessage.updateAddingTXT(zone: BINDFixture.zone, name: name, ttl: 60, value: "signed")
                    let answer = try await client.exchange(add, with: bind.primary, key: key, transport: transport)
                    #expect(answer.responseCode == .noError, "\(key) over \(transport)")
                    let records = try await client.query(name, type: .txt, at: bind.primary, recursionDesired: false)
                    #expect(records.answers.compactMap(\.data.joinedText) == ["signed"], "\(key) over \(transport)")
                }
            }
        }
    }
}
