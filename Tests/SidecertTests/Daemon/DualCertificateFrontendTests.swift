import Foundation
import SidecertTestSupport
import SwiftASN1
import Testing
import X509

@testable import SidecertVolume

/// An ECDSA + RSA pair for one name set, issued by a real Pebble (60-second certificates), served side by side by
/// a real nginx (`ssl_certificate` twice) or haproxy (`crt` twice): each client gets the certificate of the kind it
/// accepts, in TLS 1.2 and 1.3, before and after `run` renews the pair, and never a certificate of no published
/// version.
@Suite(.tags(.realPeers))
struct DualCertificateFrontendTests {
    static let keyTypes = ["--key-type", "ecdsa-p256,rsa-2048"]

    @Test(
        "nginx with two ssl_certificate pairs: RSA to RSA-only clients, ECDSA to ECDSA clients, through a renewal", .requiresPebble,
        .requiresNginx, .timeLimit(.minutes(4)))
    func nginxServesThePairThroughARenewal() async throws {
        let daemon = try await DaemonScenario.start(name: "dual-nginx.example")
        defer { daemon.stop() }
        let first = try await daemon.ensureFirstCertificate(Self.keyTypes, otherKeyTypes: [.rsa2048])
        #expect(first.credentials.map(\.keyType) == [.ecdsaP256, .rsa2048])
        let ports = try FreePort.allocate(2)
        let nginx = try await NginxFrontend.start(
            volume: daemon.volume.path, httpPort: ports[0], httpsPort: ports[1], certName: daemon.name, otherKeyTypes: ["rsa-2048"])
        defer { nginx.stop() }
        let served: ([String]) async throws -> String = { try await nginx.servedCertificatePEM(serverName: daemon.name, clientArguments: $0) }
        // Before `run` starts, nothing can renew: the first version is what every client must get.
        try await expectServed(first, frontendLog: nginx.errorLogTail(), served: served)

        let run = try daemon.startRun(Self.keyTypes + ["--reload-signal", "HUP", "--reload-pidfile", nginx.pidFilePath])
        defer { run.stop() }
        try await expectARenewedPairServed(daemon: daemon, first: first, frontendLog: { nginx.errorLogTail() }, served: served)
        try await run.terminate()
    }

    @Test(
        "haproxy with two crt lines, swapped through the runtime API: RSA to RSA-only clients, ECDSA to ECDSA clients, through a renewal",
        .requiresPebble, .requiresHAProxy, .timeLimit(.minutes(4)))
    func haproxyServesThePairThroughARenewal() async throws {
        let daemon = try await DaemonScenario.start(name: "dual-haproxy.example")
        defer { daemon.stop() }
        let first = try await daemon.ensureFirstCertificate(Self.keyTypes, otherKeyTypes: [.rsa2048])
        let live = daemon.volume.path + "/live/\(daemon.name)"
        let haproxy = try await HAProxyFrontend.start(certificatePaths: [live + "/bundle.pem", live + "/bundle.rsa-2048.pem"])
        defer { haproxy.stop() }
        let pid = haproxy.pid
        let served: ([String]) async throws -> String = { try await haproxy.servedCertificatePEM(serverName: daemon.name, clientArguments: $0) }
        try await expectServed(first, frontendLog: haproxy.outputTail(), served: served)

        let run = try daemon.startRun(Self.keyTypes + ["--reload-haproxy-socket", haproxy.socketPath])
        defer { run.stop() }
        try await expectARenewedPairServed(daemon: daemon, first: first, frontendLog: { haproxy.outputTail() }, served: served)
        #expect(!haproxy.hasExited && haproxy.pid == pid, "the same haproxy process serves: no reload")
        try await run.terminate()
    }

    /// Every client gets `version`'s certificate of the key type it accepts.
    private func expectServed(_ version: InstalledCertificate, frontendLog: @autoclosure () -> String, served: ([String]) async throws -> String)
        async throws
    {
        for client in SignatureAlgorithmClient.all {
            let leaf = try await client.leaf(served)
            #expect(leaf == expectedLeaf(of: version, for: client), "\(client); frontend log:\n\(frontendLog())")
        }
    }

    /// Polls until the frontend serves a renewed version to every client: then the renewed ECDSA and RSA
    /// certificates are served together, from one version. Every leaf any client got meanwhile is a published
    /// certificate of that client's type: none of the wrong type, none of a version that was never published.
    private func expectARenewedPairServed(
        daemon: DaemonScenario, first: InstalledCertificate, frontendLog: () -> String, served: ([String]) async throws -> String
    ) async throws {
        let clients = SignatureAlgorithmClient.all
        var observed: [(client: SignatureAlgorithmClient, leaf: SignatureAlgorithmClient.Leaf)] = []
        var published = try publishedLeaves(daemon)
        var renewed: InstalledCertificate?
        let clock = ContinuousClock()
        // Renewal is due about 30 s after issuance; two orders (one per key type) then a reload.
        let deadline = clock.now.advanced(by: .seconds(100))
        while renewed == nil, clock.now < deadline {
            var leaves: [SignatureAlgorithmClient.Leaf] = []
            for client in clients {
                let leaf = try await client.leaf(served)
                observed.append((client, leaf))
                leaves.append(leaf)
            }
            published.formUnion(try publishedLeaves(daemon))
            if let live = try InstalledCertificate.load(layout: daemon.layout, name: daemon.name, otherKeyTypes: [.rsa2048]),
                live.version != first.version, leaves.map(Optional.some) == clients.map({ expectedLeaf(of: live, for: $0) })
            {
                renewed = live
            } else {
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        published.formUnion(try publishedLeaves(daemon))
        let renewal = try #require(renewed, "every client is served a renewed version within 100 s; frontend log:\n\(frontendLog())")
        #expect(renewal.credentials.map(\.keyType) == [.ecdsaP256, .rsa2048])
        for (client, leaf) in observed {
            #expect(leaf.keyType == client.keyType, "\(client) got \(leaf)")
            #expect(published.contains(leaf), "\(client) got \(leaf), which no published version holds")
        }
    }

    /// What `client` must be served from `version`: its certificate of the client's key type.
    private func expectedLeaf(of version: InstalledCertificate, for client: SignatureAlgorithmClient) -> SignatureAlgorithmClient.Leaf? {
        version.credentials.first { $0.keyType == client.keyType }.map { SignatureAlgorithmClient.Leaf(keyType: $0.keyType, serialHex: $0.serialHex) }
    }

    /// Every certificate of every version in `archive/<name>/` (the live one and those kept), with its key type.
    private func publishedLeaves(_ daemon: DaemonScenario) throws -> Set<SignatureAlgorithmClient.Leaf> {
        let archive = try daemon.layout.archive(daemon.name)
        var leaves = Set<SignatureAlgorithmClient.Leaf>()
        for version in try FileManager.default.contentsOfDirectory(atPath: archive) {
            for file in ["cert.pem", "cert.rsa-2048.pem"] {
                guard let pem = try? String(contentsOfFile: "\(archive)/\(version)/\(file)", encoding: .utf8) else { continue }
                let certificate = try Certificate(pemEncoded: pem)
                leaves.insert(
                    SignatureAlgorithmClient.Leaf(
                        keyType: CertificateKeyType(publicKey: certificate.publicKey), serialHex: certificate.serialNumber.bytes.hexString))
            }
        }
        return leaves
    }
}
