import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertDNS

/// Zone, CNAME and transport behaviour against a real BIND.
@Suite(.requiresBIND, .tags(.realPeers)) struct BINDDiscoveryTests {
    @Test func theSOAWalkFindsTheApex() async throws {
        try await BINDFixture.with(secondary: false) { bind in
            let discovery = DNSZoneDiscovery(client: BINDFixture.client(), resolver: bind.primary)
            // The last name is a CNAME: its SOA answer is the target's, so the walk goes on to its parent.
            let names = [
                "example.test", "ns1.example.test", "_acme-challenge.www.example.test", "a.b.c.does-not-exist.example.test",
                "_acme-challenge.alias.example.test",
            ]
            for name in names {
                let zone = try await discovery.findZone(for: DNSName(name))
                #expect(zone == BINDFixture.zone, "\(name)")
            }
            // A server that is not authoritative (and does not recurse) refuses: said in words.
            let error = await #expect(throws: DNSError.self) { try await discovery.findZone(for: DNSName("www.other.test")) }
            #expect(error?.code == .serverRejected)
            #expect(error?.responseCode == .refused)
        }
    }

    @Test func withoutAResolverTheFirstNameserverOfResolvConfIsUsed() async throws {
        try await BINDFixture.with(secondary: false) { bind in
            let resolvConf = "\(bind.directory)/resolv.conf"
            try "search example.test\nnameserver \(bind.primary.host)\n".write(toFile: resolvConf, atomically: true, encoding: .utf8)
            let discovery = try DNSZoneDiscovery.using(client: BINDFixture.client(), resolver: nil, resolvConfPath: resolvConf)
            #expect(discovery.resolver == bind.primary)
            let zone = try await discovery.findZone(for: DNSName("www.example.test"))
            #expect(zone == BINDFixture.zone)
            let named = try DNSZoneDiscovery.using(
                client: BINDFixture.client(), resolver: DNSServerAddress(host: "192.0.2.53"), resolvConfPath: resolvConf)
            #expect(named.resolver.host == "192.0.2.53")
        }
    }

    @Test func cnameChainsAreFollowedToTheirEndAndLoopsStop() async throws {
        try await BINDFixture.with(secondary: false) { bind in
            var discovery = DNSZoneDiscovery(client: BINDFixture.client(), resolver: bind.primary)
            let cases = [
                ("_acme-challenge.alias.example.test", "target.acme-dns.example.test"),
                ("_acme-challenge.www.example.test", "_acme-challenge.www.example.test"),
                ("nothing.example.test", "nothing.example.test"),
            ]
            for (start, end) in cases {
                let target = try await discovery.followCNAMEs(from: DNSName(start))
                #expect(target == (try DNSName(end)), "\(start)")
            }

            let loop = await #expect(throws: DNSError.self) { try await discovery.followCNAMEs(from: DNSName("loop1.example.test")) }
            #expect(loop?.code == .cnameChainTooLong)
            #expect(loop?.message.contains("'loop1.example.test'") == true)

            discovery.maximumCNAMEChain = 1
            let tooLong = await #expect(throws: DNSError.self) {
                try await discovery.followCNAMEs(from: DNSName("_acme-challenge.alias.example.test"))
            }
            #expect(tooLong?.code == .cnameChainTooLong)
        }
    }

    @Test func aTruncatedUDPAnswerIsAskedAgainOverTCP() async throws {
        try await BINDFixture.with(secondary: false) { bind in
            let client = BINDFixture.client()
            let name = try DNSName("big.example.test")
            // 4 kB of TXT cannot fit the 1232-byte UDP answer the query offers: only TCP brings it whole.
            let answer = try await client.query(name, type: .txt, at: bind.primary, recursionDesired: false)
            #expect(!answer.isTruncated)
            #expect(answer.answers.first?.data.joinedText?.utf8.count == 4000)
            let overTCP = try await client.exchange(.query(name: name, type: .txt, recursionDesired: false), with: bind.primary, transport: .tcp)
            #expect(overTCP.answers == answer.answers)
        }
    }
}
