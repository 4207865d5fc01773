import Foundation
import Logging
import SidecertTestSupport
import Testing

@testable import SidecertReload
@testable import SidecertVolume

/// A real haproxy serving `live/<name>/bundle.pem`: swapped through the runtime API with no reload, and
/// reloaded through its master with SIGUSR2.
@Suite(.tags(.realPeers))
struct HAProxyReloadTests {
    @Test(.requiresHAProxy, .timeLimit(.minutes(2)))
    func theRuntimeAPISwapsTheCertificateWithoutAReload() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let versions = LiveCertificateVersions(volume: volume, name: "x")
        let first = try versions.publish(version: "v1")
        let haproxy = try await HAProxyFrontend.start(certificatePath: versions.liveDirectory + "/bundle.pem")
        defer { haproxy.stop() }
        #expect(try LiveCertificateVersions.serial(ofPEM: try await haproxy.servedCertificatePEM()) == first.serial)
        let pidBefore = try await processID(reportedBy: haproxy)
        #expect(pidBefore == haproxy.pid)

        let second = try versions.publish(version: "v2")
        try await HAProxyRuntimeReloader(socketPath: haproxy.socketPath).reload(certificate: second.certificate)
        // The commit is done when haproxy answers "Success!": new handshakes already get the new serial.
        #expect(try LiveCertificateVersions.serial(ofPEM: try await haproxy.servedCertificatePEM()) == second.serial)
        #expect(try await processID(reportedBy: haproxy) == pidBefore, "the same process serves: no reload happened")
        #expect(!haproxy.hasExited, "haproxy output:\n\(haproxy.outputTail())")

        // Twice in a row works too (no transaction is left open).
        let third = try versions.publish(version: "v3")
        try await HAProxyRuntimeReloader(socketPath: haproxy.socketPath, certificatePath: haproxy.certificatePath)
            .reload(certificate: third.certificate)
        #expect(try LiveCertificateVersions.serial(ofPEM: try await haproxy.servedCertificatePEM()) == third.serial)
    }

    @Test(.requiresHAProxy, .timeLimit(.minutes(2)))
    func aCertificatePathHAProxyDoesNotKnowIsRefusedWithItsAnswer() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let versions = LiveCertificateVersions(volume: volume, name: "x")
        let first = try versions.publish(version: "v1")
        let haproxy = try await HAProxyFrontend.start(certificatePath: versions.liveDirectory + "/bundle.pem")
        defer { haproxy.stop() }

        let second = try versions.publish(version: "v2")
        let reloader = HAProxyRuntimeReloader(socketPath: haproxy.socketPath, certificatePath: volume.path("elsewhere.pem"))
        let error = await #expect(throws: ReloadError.self) { try await reloader.reload(certificate: second.certificate) }
        #expect(error?.code == .frontendRejected)
        #expect(error?.message.contains("not referenced by the configuration") == true)
        #expect(try LiveCertificateVersions.serial(ofPEM: try await haproxy.servedCertificatePEM()) == first.serial)
    }

    @Test(.requiresHAProxy, .timeLimit(.minutes(2)))
    func theRuntimeAPISwapsEveryCertificateOfABatch() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let names = ["a", "b", "c"]
        let versions = names.map { LiveCertificateVersions(volume: volume, name: $0) }
        for version in versions {
            _ = try version.publish(version: "v1", serverNames: ["\(version.name).localhost"])
        }
        let haproxy = try await HAProxyFrontend.start(certificatePaths: versions.map { $0.liveDirectory + "/bundle.pem" })
        defer { haproxy.stop() }
        let pidBefore = try await processID(reportedBy: haproxy)

        let second = try versions.map { try $0.publish(version: "v2", serverNames: ["\($0.name).localhost"]) }
        try await HAProxyRuntimeReloader(socketPath: haproxy.socketPath).reload(second.map(\.certificate))
        // Each commit is done when haproxy answers "Success!": every name already gets its new serial.
        for (name, published) in zip(names, second) {
            let served = try LiveCertificateVersions.serial(ofPEM: try await haproxy.servedCertificatePEM(serverName: "\(name).localhost"))
            #expect(served == published.serial, "\(name) is served from its new version; haproxy output:\n\(haproxy.outputTail())")
        }
        #expect(try await processID(reportedBy: haproxy) == pidBefore, "the same process serves: no reload happened")
        #expect(try await openTransactions(in: haproxy).isEmpty)
    }

    @Test(.requiresHAProxy, .timeLimit(.minutes(2)))
    func aCertificateHAProxyRefusesDoesNotHoldBackTheRestOfItsBatch() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let served = LiveCertificateVersions(volume: volume, name: "a")
        let unknown = LiveCertificateVersions(volume: volume, name: "b")
        _ = try served.publish(version: "v1", serverNames: ["a.localhost"])
        _ = try unknown.publish(version: "v1", serverNames: ["b.localhost"])
        // haproxy knows only a's certificate: b's path is refused by `set ssl cert`.
        let haproxy = try await HAProxyFrontend.start(certificatePaths: [served.liveDirectory + "/bundle.pem"])
        defer { haproxy.stop() }

        let newA = try served.publish(version: "v2", serverNames: ["a.localhost"])
        let newB = try unknown.publish(version: "v2", serverNames: ["b.localhost"])
        let reloader = HAProxyRuntimeReloader(socketPath: haproxy.socketPath)
        let error = await #expect(throws: ReloadError.self) { try await reloader.reload([newB.certificate, newA.certificate]) }
        #expect(error?.code == .frontendRejected)
        #expect(error?.message.contains(unknown.liveDirectory + "/bundle.pem") == true)
        #expect(error?.message.contains("not referenced by the configuration") == true)
        let servedA = try LiveCertificateVersions.serial(ofPEM: try await haproxy.servedCertificatePEM(serverName: "a.localhost"))
        #expect(servedA == newA.serial, "a was swapped although b, before it in the batch, was refused")
        #expect(try await openTransactions(in: haproxy).isEmpty)
    }

    @Test(.requiresHAProxy, .timeLimit(.minutes(2)))
    func theMasterReloadsOnSIGUSR2() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let versions = LiveCertificateVersions(volume: volume, name: "x")
        let first = try versions.publish(version: "v1")
        let haproxy = try await HAProxyFrontend.start(certificatePath: versions.liveDirectory + "/bundle.pem", masterWorker: true)
        defer { haproxy.stop() }
        #expect(try LiveCertificateVersions.serial(ofPEM: try await haproxy.servedCertificatePEM()) == first.serial)

        let second = try versions.publish(version: "v2")
        try await SignalReloader(signal: try ReloadSignal(parsing: "SIGUSR2"), pidFile: haproxy.pidFilePath).reload(certificate: second.certificate)
        let served = try await LiveCertificateVersions.waitForSerial(second.serial) { try await haproxy.servedCertificatePEM() }
        #expect(served == second.serial, "haproxy output:\n\(haproxy.outputTail())")
        // The master stays; only its workers are replaced.
        #expect(!haproxy.hasExited)
        let pidInFile = try String(contentsOfFile: haproxy.pidFilePath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(pidInFile == "\(haproxy.pid)")
    }

    @Test(.requiresHAProxy, .timeLimit(.minutes(2)))
    func theRuntimeAPISwapsEveryKeyTypeOfAVersion() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        let first = try Self.publishPair(layout: layout)
        let live = volume.path("live/pair")
        // One crt line per key type, as the README configures it; haproxy picks by the client's signature algorithms.
        let haproxy = try await HAProxyFrontend.start(certificatePaths: [live + "/bundle.pem", live + "/bundle.rsa-2048.pem"])
        defer { haproxy.stop() }
        try await expectServed(first, by: haproxy)
        let pidBefore = try await processID(reportedBy: haproxy)

        let second = try Self.publishPair(layout: layout)
        let version = try #require(second.version)
        try await HAProxyRuntimeReloader(socketPath: haproxy.socketPath).reload(
            certificate: ReloadedCertificate(name: "pair", liveDirectory: live, version: version))
        // Both commits are done when the reload returns: every client already gets the new version's certificate.
        try await expectServed(second, by: haproxy)
        #expect(try await processID(reportedBy: haproxy) == pidBefore, "the same process serves: no reload happened")
        #expect(try await openTransactions(in: haproxy).isEmpty)
    }

    @Test(.requiresHAProxy, .timeLimit(.minutes(2)))
    func aKeyTypeHAProxyHasNoCrtLineForIsLeftAlone() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        _ = try Self.publishPair(layout: layout)
        let live = volume.path("live/pair")
        // Only the main certificate is served: the RSA bundle beside it is not haproxy's business.
        let haproxy = try await HAProxyFrontend.start(certificatePaths: [live + "/bundle.pem"])
        defer { haproxy.stop() }

        let second = try Self.publishPair(layout: layout)
        try await HAProxyRuntimeReloader(socketPath: haproxy.socketPath).reload(
            certificate: ReloadedCertificate(name: "pair", liveDirectory: live, version: try #require(second.version)))
        let ecdsa = try #require(SignatureAlgorithmClient.all.first { $0.keyType == .ecdsaP256 })
        let served = try await ecdsa.leaf { try await haproxy.servedCertificatePEM(serverName: "pair.localhost", clientArguments: $0) }
        #expect(served.serialHex == second.serialHex)
        let known = try await UNIXSocketExchange(path: haproxy.socketPath, timeout: .seconds(10)).exchange("show ssl cert\n")
        #expect(!known.contains("bundle.rsa-2048.pem"), "nothing was added to haproxy: \(known)")
        #expect(try await openTransactions(in: haproxy).isEmpty)
    }

    /// Every client is served `version`'s certificate of the key type it accepts.
    private func expectServed(_ version: InstalledCertificate, by haproxy: HAProxyFrontend) async throws {
        for client in SignatureAlgorithmClient.all {
            let leaf = try await client.leaf { try await haproxy.servedCertificatePEM(serverName: "pair.localhost", clientArguments: $0) }
            let expected = version.credentials.first { $0.keyType == client.keyType }?.serialHex
            #expect(leaf.keyType == client.keyType && leaf.serialHex == expected, "\(client) got \(leaf); haproxy output:\n\(haproxy.outputTail())")
        }
    }

    /// Publishes a new version of `pair` holding an ECDSA and an RSA certificate for `pair.localhost`, as `ensure
    /// --key-type ecdsa-p256,rsa-2048` lays it out.
    private static func publishPair(layout: VolumeLayout) throws -> InstalledCertificate {
        let credentials = try [CertificateKeyType.ecdsaP256, .rsa2048].map { keyType in
            let made = try TestCertificate.make(names: ["pair.localhost"], keyType: keyType)
            return try CertificateCredential(certificateChainPEM: made.certificatePEM, key: try CertificateKey(pemEncoded: made.keyPEM))
        }
        let files = try CertificateFiles(credentials: credentials, metadata: VersionMetadata(issuerKind: .acme, issuedAt: Date()))
        try CertificatePublisher(layout: layout, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            .publish(name: "pair", files: files, fence: {})
        return try #require(try InstalledCertificate.load(layout: layout, name: "pair", otherKeyTypes: [.rsa2048]))
    }

    /// What `show ssl cert` lists as an uncommitted transaction (a `*` before the path): none once every
    /// swap was committed or aborted.
    private func openTransactions(in haproxy: HAProxyFrontend) async throws -> [String] {
        let list = try await UNIXSocketExchange(path: haproxy.socketPath, timeout: .seconds(10)).exchange("show ssl cert\n")
        return list.split(separator: "\n").filter { $0.hasPrefix("*") }.map(String.init)
    }

    /// The `Pid:` line of the runtime API's `show info`: the process that answers (and serves).
    private func processID(reportedBy haproxy: HAProxyFrontend) async throws -> Int32? {
        let info = try await UNIXSocketExchange(path: haproxy.socketPath, timeout: .seconds(10)).exchange("show info\n")
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pid:") }
        return line.flatMap { Int32($0.dropFirst(4).trimmingCharacters(in: .whitespaces)) }
    }
}
