import Foundation
import SidecertTestSupport
import Testing

/// The test harness itself against its real peers: if these fail, every real-peer test would.
@Suite(.tags(.realPeers))
struct HarnessSmokeTests {
    @Test(.requiresPebble, .timeLimit(.minutes(1)))
    func pebbleServesItsDirectoryAndRoots() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }

        let directory = try await Curl.get(pebble.directoryURL, caBundle: pebble.caBundlePath)
        #expect(directory.status == 200)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(directory.body.utf8)) as? [String: Any]
        )
        let newOrder = try #require(json["newOrder"] as? String)
        #expect(newOrder.hasPrefix("https://localhost:\(pebble.acmePort)/"))
        #expect(json["newAccount"] is String)
        #expect(json["newNonce"] is String)

        let root = try await pebble.issuingRootPEM()
        #expect(root.contains("-----BEGIN CERTIFICATE-----"))
        #expect(pebble.orderCount() == 0)
        #expect(pebble.accountCount() == 0)
        #expect(pebble.requestCount(matching: "GET /dir") >= 1)

        pebble.stopCA()
        await #expect(throws: (any Error).self) {
            try await Curl.get(pebble.directoryURL, caBundle: pebble.caBundlePath, timeout: .seconds(2))
        }
    }

    @Test(.requiresPebble, .timeLimit(.minutes(1)))
    func pebbleRequiresExternalAccountBindingWhenAsked() async throws {
        let pebble = try await PebbleEnvironment.start(certificateValidity: 600, externalAccountBinding: true)
        defer { pebble.stop() }

        let directory = try await Curl.get(pebble.directoryURL, caBundle: pebble.caBundlePath)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(directory.body.utf8)) as? [String: Any]
        )
        let meta = try #require(json["meta"] as? [String: Any])
        #expect(meta["externalAccountRequired"] as? Bool == true)
        #expect(pebble.sidecertFlags().contains("--eab-kid"))
        #expect(pebble.eabKeyID != nil)
        #expect(pebble.eabHMACKey?.isEmpty == false)
    }

    @Test(.requiresNginx, .timeLimit(.minutes(1)))
    func nginxServesChallengeTokensFromTheVolume() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let port = try FreePort.allocate(1)[0]
        let nginx = try await NginxFrontend.start(volume: volume.path, httpPort: port)
        defer { nginx.stop() }

        try "abc.key-authorization".write(toFile: volume.path("acme-challenge/abc"), atomically: true, encoding: .utf8)
        let found = try await Curl.get("http://127.0.0.1:\(port)/.well-known/acme-challenge/abc")
        #expect(found.status == 200)
        #expect(found.body == "abc.key-authorization")
        let missing = try await Curl.get("http://127.0.0.1:\(port)/.well-known/acme-challenge/nope")
        #expect(missing.status == 404)
    }

    @Test(.requiresPebble, .requiresNginx, .timeLimit(.minutes(1)))
    func nginxAnswersOnPebblesValidationPort() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let nginx = try await NginxFrontend.start(volume: volume.path, httpPort: pebble.httpPort)
        defer { nginx.stop() }

        // What Pebble's validator fetches: http://<any name>:httpPort/.well-known/acme-challenge/<token>.
        try "token.thumbprint".write(toFile: volume.path("acme-challenge/token"), atomically: true, encoding: .utf8)
        let response = try await Curl.get("http://127.0.0.1:\(pebble.httpPort)/.well-known/acme-challenge/token")
        #expect(response.body == "token.thumbprint")
    }

    @Test
    func volumeSnapshotsSeeEveryChange() throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        try FileManager.default.createDirectory(atPath: volume.path("archive/a/1"), withIntermediateDirectories: true)
        try "key".write(toFile: volume.path("archive/a/1/privkey.pem"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: volume.path("live"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: volume.path("live/a"), withDestinationPath: "../archive/a/1")
        let before = try volume.snapshot()
        #expect(before["live/a"]?.symlinkTarget == "../archive/a/1")
        #expect(before["archive/a/1/privkey.pem"]?.size == 3)
        #expect(try volume.snapshot() == before)

        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600],
            ofItemAtPath: volume.path("archive/a/1/privkey.pem")
        )
        let after = try volume.snapshot()
        #expect(after != before)
        #expect(after.difference(from: before).contains("~ archive/a/1/privkey.pem"))
    }

    @Test
    func childEnvironmentDropsSidecertVariables() {
        let environment = SidecertProcess.childEnvironment(adding: ["SIDECERT_DOMAINS": "a.example"])
        #expect(environment["SIDECERT_DOMAINS"] == "a.example")
        #expect(!environment.keys.contains { $0.hasPrefix("SIDECERT_") && $0 != "SIDECERT_DOMAINS" })
    }

    @Test(.timeLimit(.minutes(1)))
    func childProcessesDrainLargeOutputAndTimeOut() async throws {
        let large = try await ChildProcess.run("/bin/sh", ["-c", "head -c 3000000 /dev/zero | tr '\\0' x; echo done >&2"])
        #expect(large.status == 0)
        #expect(large.stdout.utf8.count == 3_000_000)
        #expect(large.stderr == "done\n")

        await #expect(throws: HarnessError.self) {
            // A shell's child holds the output pipe too: the kill must reach the whole process group.
            try await ChildProcess.run("/bin/sh", ["-c", "sleep 30; echo late"], timeout: .milliseconds(300))
        }
    }
}
