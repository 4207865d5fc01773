import Foundation
import Logging
import SidecertACME
import SidecertChallenges
import SidecertTestSupport
import SidecertVolume
import SwiftASN1
import Testing
import X509

/// The `acme-tls/1` listener against a real TLS client (openssl), answering from a volume that a solver —
/// this process or any other replica — wrote to.
@Suite("TLS-ALPN-01 listener", .requiresTools)
struct TLSALPN01ListenerTests {
    static let logger = Logger(label: "test")

    static func answer(_ identifier: ACMEIdentifier, token: String) -> ChallengeAnswer {
        ChallengeAnswer(
            identifier: identifier, wildcard: false, type: .tlsALPN01, token: token, keyAuthorization: "\(token).thumbprint-of-the-account")
    }

    static func ipName(_ text: String) -> GeneralName {
        .ipAddress(ASN1OctetString(contentBytes: (IPAddressText.bytes(of: text) ?? [])[...]))
    }

    /// A listener on a free port of 127.0.0.1 over `volume`; closed by the caller.
    static func listen(on volume: TemporaryVolume) async throws -> (TLSALPN01Listener, Int) {
        let listener = try await TLSALPN01Listener.bind(
            host: "127.0.0.1", port: 0, challenges: TLSALPNChallengeDirectory(layout: VolumeLayout(root: volume.path)), logger: logger)
        return (listener, try #require(listener.localPort))
    }

    @Test("presents the validation certificate for DNS names and, by their reverse-DNS names, IP addresses; two listeners on one volume both answer")
    func answersFromTheVolume() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let solver = VolumeTLSALPN01Solver(challenges: TLSALPNChallengeDirectory(layout: VolumeLayout(root: volume.path)), logger: Self.logger)
        let answers = [
            Self.answer(.dns("alpn.example"), token: "token-dns_0123456789"),
            Self.answer(.ip("192.0.2.7"), token: "token-ipv4_0123456789"),
            Self.answer(.ip("2001:db8::1"), token: "token-ipv6_0123456789"),
        ]
        try await solver.present(answers)
        let (first, firstPort) = try await Self.listen(on: volume)
        let (second, secondPort) = try await Self.listen(on: volume)
        do {
            for port in [firstPort, secondPort] {
                let dns = try await ACMETLSProbe.handshake(port: port, serverName: "alpn.example")
                #expect(dns.problem(identifier: .dnsName("alpn.example"), keyAuthorization: answers[0].keyAuthorization) == nil)
                let v4 = try await ACMETLSProbe.handshake(port: port, serverName: "7.2.0.192.in-addr.arpa")
                #expect(v4.problem(identifier: Self.ipName("192.0.2.7"), keyAuthorization: answers[1].keyAuthorization) == nil)
                let v6Name = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
                let v6 = try await ACMETLSProbe.handshake(port: port, serverName: v6Name)
                #expect(v6.problem(identifier: Self.ipName("2001:db8::1"), keyAuthorization: answers[2].keyAuthorization) == nil)
            }
            // SNI is case-insensitive, and a final dot names the same host.
            let shouted = try await ACMETLSProbe.handshake(port: firstPort, serverName: "ALPN.Example.")
            #expect(shouted.problem(identifier: .dnsName("alpn.example"), keyAuthorization: answers[0].keyAuthorization) == nil)
        } catch {
            await first.close()
            await second.close()
            throw error
        }
        await first.close()
        await second.close()
    }

    @Test("refuses, before any certificate, clients that do not offer acme-tls/1 and names with nothing on the volume")
    func refusals() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let solver = VolumeTLSALPN01Solver(challenges: TLSALPNChallengeDirectory(layout: VolumeLayout(root: volume.path)), logger: Self.logger)
        try await solver.present([Self.answer(.dns("alpn.example"), token: "token-refusals_0123456789")])
        let (listener, port) = try await Self.listen(on: volume)
        do {
            let cases: [(serverName: String, protocols: [String], alert: String)] = [
                ("alpn.example", ["h2", "http/1.1"], "no application protocol"),
                ("alpn.example", [], "no application protocol"),
                ("other.example", ["acme-tls/1"], "unrecognized name"),
                ("..", ["acme-tls/1"], "unrecognized name"),
                ("alpn.example/../../etc", ["acme-tls/1"], "unrecognized name"),
            ]
            for refusal in cases {
                let probe = try await ACMETLSProbe.handshake(port: port, serverName: refusal.serverName, protocols: refusal.protocols)
                #expect(probe.certificatePEM == nil, "\(refusal): no certificate for it\n\(probe.transcript)")
                #expect(probe.transcript.contains(refusal.alert), "\(refusal): the alert says why\n\(probe.transcript)")
            }
            #expect(
                try await ACMETLSProbe.handshake(port: port, serverName: "alpn.example").certificatePEM != nil, "and the right client still gets it")
        } catch {
            await listener.close()
            throw error
        }
        await listener.close()
    }

    @Test("the newest answer for a name is served; clean-up removes exactly its own answer, the other order's stays")
    func twoOrdersForOneName() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        let solver = VolumeTLSALPN01Solver(challenges: TLSALPNChallengeDirectory(layout: layout), logger: Self.logger)
        let older = Self.answer(.dns("shared.example"), token: "token-older_0123456789")
        let newer = Self.answer(.dns("shared.example"), token: "token-newer_0123456789")
        try await solver.present([older])
        // Modification times must differ for "newest" to mean something on coarse filesystems.
        try await Task.sleep(for: .milliseconds(20))
        try await solver.present([newer])
        let (listener, port) = try await Self.listen(on: volume)
        do {
            let both = try await ACMETLSProbe.handshake(port: port, serverName: "shared.example")
            #expect(both.problem(identifier: .dnsName("shared.example"), keyAuthorization: newer.keyAuthorization) == nil)
            try await solver.cleanUp([newer])
            let olderOnly = try await ACMETLSProbe.handshake(port: port, serverName: "shared.example")
            #expect(olderOnly.problem(identifier: .dnsName("shared.example"), keyAuthorization: older.keyAuthorization) == nil)
            try await solver.cleanUp([older])
            #expect(try await ACMETLSProbe.handshake(port: port, serverName: "shared.example").certificatePEM == nil)
            #expect(try FileManager.default.contentsOfDirectory(atPath: layout.tlsALPNChallengeDirectory).isEmpty, "nothing left behind")
        } catch {
            await listener.close()
            throw error
        }
        await listener.close()
    }
}
