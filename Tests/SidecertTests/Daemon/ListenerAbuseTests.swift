import Foundation
import Logging
import SidecertACME
import SidecertChallenges
import SidecertTestSupport
import Testing
import X509

@testable import SidecertVolume

/// `--http-listen` faces the internet on port 80, `--tls-alpn-listen` on port 443 (behind a frontend routing
/// `acme-tls/1`), and `--admin-listen` carries the health probes: a client holding connections open, trickling
/// bytes, never finishing a handshake or sending a huge request must not silence any of them. Run as a
/// container runtime might start it: with a limit of 256 open files.
@Suite(.tags(.realPeers))
struct ListenerAbuseTests {
    static let openFileLimit = 256
    static let token = "abuse-token_0123456789abcdefghijklmnopqrstuvwxyz"

    /// The TLS-ALPN-01 answer on the volume, as a solver presents it.
    static let tlsALPNAnswer = ChallengeAnswer(
        identifier: .dns("abuse.example"), wildcard: false, type: .tlsALPN01, token: token, keyAuthorization: "\(token).thumbprint")

    struct Listeners {
        let run: RunningSidecert
        let http: Int
        let admin: Int
        /// `--tls-alpn-listen`'s port, when started with it.
        let tlsALPN: Int

        /// A TLS-ALPN-01 validation, as the CA's validator makes it; nil when it got the right certificate.
        func validationProblem() async throws -> String? {
            let probe = try await ACMETLSProbe.handshake(port: tlsALPN, serverName: "abuse.example")
            return probe.problem(identifier: .dnsName("abuse.example"), keyAuthorization: ListenerAbuseTests.tlsALPNAnswer.keyAuthorization)
        }

        /// The TLS-ALPN-01 validation, the HTTP-01 answer and both probes.
        func expectAllAnswering(_ situation: String) async throws {
            let problem = try await validationProblem()
            #expect(problem == nil, "TLS-ALPN-01 \(situation): \(problem ?? "")\n\(log)")
            try await expectAnswering(situation)
        }

        func challenge() async throws -> Curl.Response {
            try await Curl.get("http://127.0.0.1:\(http)/.well-known/acme-challenge/\(ListenerAbuseTests.token)")
        }

        func probe(_ path: String) async throws -> Curl.Response {
            try await Curl.get("http://127.0.0.1:\(admin)\(path)")
        }

        /// The HTTP-01 answer and both probes, as the CA and the kubelet would ask for them.
        func expectAnswering(_ situation: String) async throws {
            let challenge = try await challenge()
            #expect(
                challenge.status == 200 && challenge.body == "\(ListenerAbuseTests.token).thumbprint",
                "HTTP-01 \(situation): \(challenge)\n\(log)")
            #expect(try await probe("/healthz").status == 200, "/healthz \(situation)")
            let ready = try await probe("/readyz")
            #expect(ready.status == 200, "/readyz \(situation): \(ready)\n\(log)")
        }

        /// The end of sidecert's log, for failure messages.
        var log: String {
            "--- sidecert ---\n" + run.stderrSoFar.split(separator: "\n").suffix(30).joined(separator: "\n")
        }
    }

    func start(volume: TemporaryVolume) async throws -> Listeners {
        let layout = VolumeLayout(root: volume.path)
        try ChallengeDirectory(layout: layout).write(token: Self.token, keyAuthorization: "\(Self.token).thumbprint")
        try await VolumeTLSALPN01Solver(challenges: TLSALPNChallengeDirectory(layout: layout), logger: Logger(label: "test")).present([
            Self.tlsALPNAnswer
        ])
        let ports = try FreePort.allocate(3)
        let run = try SidecertProcess.start(
            [
                "run", "--storage", volume.path, "--domain", "abuse.localhost", "--http-listen", "127.0.0.1:\(ports[0])", "--admin-listen",
                "127.0.0.1:\(ports[1])", "--tls-alpn-listen", "127.0.0.1:\(ports[2])",
            ], openFileLimit: Self.openFileLimit)
        try await run.waitForOutput(containing: "serving /healthz")
        try await run.waitForOutput(containing: "notice issued")
        return Listeners(run: run, http: ports[0], admin: ports[1], tlsALPN: ports[2])
    }

    /// A public listener a flood is aimed at.
    enum PublicPort: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case http01 = "HTTP-01"
        case tlsALPN01 = "acme-tls/1"

        var testDescription: String { rawValue }

        func port(of listeners: Listeners) -> Int { self == .http01 ? listeners.http : listeners.tlsALPN }
    }

    @Test(
        "thousands of idle connections on a public port: validations, HTTP-01 and the probes keep working, and the idle ones are closed",
        .timeLimit(.minutes(2)), arguments: PublicPort.allCases)
    func idleConnectionFlood(on target: PublicPort) async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let listeners = try await start(volume: volume)
        defer { listeners.run.stop() }
        let flood = try await ConnectionFlood.start(port: target.port(of: listeners), count: 2_000)
        defer { flood.stop() }
        #expect(flood.opened > Self.openFileLimit * 2, "the flood holds more connections than sidecert may open: \(flood.opened)")
        try await listeners.expectAllAnswering("with \(flood.opened) idle connections opened on the \(target) port")
        #expect(try openDescriptors(of: listeners.run.pid) < Self.openFileLimit, "sidecert stays inside its file limit")

        // Nothing is sent on them: within the 10 s request-head or handshake timeout (and some slack for a busy
        // machine), the listener closes every one it still held.
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        while flood.closedByServer < flood.opened, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(flood.closedByServer == flood.opened, "\(flood.opened - flood.closedByServer) idle connections still open")
        try await listeners.expectAllAnswering("after the flood")
        #expect(!listeners.run.hasExited)
    }

    @Test("slow and oversized requests are cut off; the answers keep coming", .timeLimit(.minutes(2)))
    func slowAndOversizedRequests() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let listeners = try await start(volume: volume)
        defer { listeners.run.stop() }

        // Slowloris: a request head that never ends, one byte at a time.
        let slow = try (0..<50).map { _ in try RawConnection(port: listeners.http) }
        for connection in slow {
            connection.send("GET /.well-known/acme-challenge/\(Self.token) HTTP/1.1\r\nHost: abuse.localhost\r\n")
        }
        let clock = ContinuousClock()
        let start = clock.now
        while slow.contains(where: { !$0.isClosedByPeer }), clock.now < start.advanced(by: .seconds(30)) {
            slow.forEach { $0.send("X") }
            try await listeners.expectAnswering("while 50 clients trickle their request heads")
            try await Task.sleep(for: .seconds(1))
        }
        let slowClosed = slow.allSatisfy { $0.isClosedByPeer }
        #expect(slowClosed, "clients that never finish their request head are closed")
        #expect(start.duration(to: clock.now) >= .seconds(9), "not before the request-head timeout")

        // An oversized request head: 431 and closed, without reading it all.
        let huge = try RawConnection(port: listeners.http)
        huge.send("GET / HTTP/1.1\r\nHost: abuse.localhost\r\nX-Padding: " + String(repeating: "a", count: 64 * 1_024) + "\r\n\r\n")
        let answer = huge.receiveUntilClosed(timeout: .seconds(10))
        #expect(
            String(decoding: answer.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 431"), "\(String(decoding: answer.bytes.prefix(80), as: UTF8.self))")
        #expect(answer.closed)

        // A request with a body is answered, and its connection closed rather than read further.
        let withBody = try RawConnection(port: listeners.http)
        withBody.send("POST /.well-known/acme-challenge/\(Self.token) HTTP/1.1\r\nHost: abuse.localhost\r\nContent-Length: 1000000\r\n\r\nabc")
        let bodyAnswer = withBody.receiveUntilClosed(timeout: .seconds(10))
        #expect(String(decoding: bodyAnswer.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 404"))
        #expect(bodyAnswer.closed)

        // Keep-alive still works for a well-behaved client: two requests on one connection.
        let polite = try RawConnection(port: listeners.http)
        let request = "GET /.well-known/acme-challenge/\(Self.token) HTTP/1.1\r\nHost: abuse.localhost\r\n\r\n"
        polite.send(request + request)
        let answers = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self).components(separatedBy: "HTTP/1.1 200").count - 1 }
        let two = polite.receive(timeout: .seconds(30)) { answers($0) >= 2 }
        #expect(answers(two.bytes) == 2, "two answers on one connection")
        try await listeners.expectAnswering("at the end")
    }

    @Test("a flood on the admin port leaves HTTP-01 answering, and the admin port recovers", .timeLimit(.minutes(2)))
    func adminFloodDoesNotReachHTTP01() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let listeners = try await start(volume: volume)
        defer { listeners.run.stop() }
        let flood = try await ConnectionFlood.start(port: listeners.admin, count: 500)
        defer { flood.stop() }
        let challenge = try await listeners.challenge()
        #expect(challenge.status == 200, "HTTP-01 while the admin port is flooded: \(challenge)")
        // The newest connection is always admitted (the oldest idle one makes room): a probe gets through.
        #expect(try await listeners.probe("/healthz").status == 200)
        #expect(try openDescriptors(of: listeners.run.pid) < Self.openFileLimit)
    }

    @Test("handshakes that never finish are cut off at the handshake timeout; oversized and foreign hellos at once", .timeLimit(.minutes(2)))
    func unfinishedHandshakes() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let listeners = try await start(volume: volume)
        defer { listeners.run.stop() }
        // A real ClientHello for the name on the volume: the listener answers it and waits for the client's
        // Finished, which never comes. Half of one: the listener waits for the rest, which never comes.
        let hello = try await ClientHelloCapture.openssl(["-servername", "abuse.example", "-alpn", "acme-tls/1"]) { bytes in
            if case .complete = TLSClientHello.read(bytes) { return true }
            return false
        }
        let stalled = try (0..<20).map { _ in try RawConnection(port: listeners.tlsALPN) }
        let halfway = try (0..<20).map { _ in try RawConnection(port: listeners.tlsALPN) }
        stalled.forEach { $0.send(hello) }
        halfway.forEach { $0.send(Array(hello.prefix(hello.count / 2))) }
        let clock = ContinuousClock()
        let start = clock.now
        let all = stalled + halfway
        // What each received, and whether the listener has closed it (read to the end: the stalled ones
        // have the listener's first flight waiting).
        var received = [[UInt8]](repeating: [], count: all.count)
        var closed = Set<Int>()
        while closed.count < all.count, clock.now < start.advanced(by: .seconds(30)) {
            try await listeners.expectAllAnswering("while 40 handshakes hang")
            for index in all.indices where !closed.contains(index) {
                let read = all[index].receiveUntilClosed(timeout: .milliseconds(5))
                received[index] += read.bytes
                if read.closed { closed.insert(index) }
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(closed.count == all.count, "handshakes that never finish are closed: \(all.count - closed.count) still open")
        #expect(start.duration(to: clock.now) >= .seconds(9), "not before the handshake timeout")
        #expect(received.prefix(stalled.count).allSatisfy { $0.first == 22 }, "the complete hellos were answered with a handshake")
        #expect(received.suffix(halfway.count).allSatisfy { $0.isEmpty }, "the half hellos were answered with nothing")

        // A ClientHello that never ends (it claims 1 MiB) is refused once it passes 32 KiB, with a decode_error
        // alert; so is a client speaking another protocol, at its first bytes.
        let endless = try RawConnection(port: listeners.tlsALPN)
        var records: [UInt8] = [22, 3, 1, 0x40, 0x00, 1, 0x10, 0x00, 0x00] + [UInt8](repeating: 0, count: 16_380)
        records += (0..<2).flatMap { _ in [22, 3, 1, 0x40, 0x00] + [UInt8](repeating: 0, count: 16_384) }
        endless.send(records)
        let endlessAnswer = endless.receiveUntilClosed(timeout: .seconds(8))
        #expect(endlessAnswer.bytes == [21, 3, 3, 0, 2, 2, 50] && endlessAnswer.closed, "decode_error and closed: \(endlessAnswer)")
        let http = try RawConnection(port: listeners.tlsALPN)
        http.send("GET / HTTP/1.1\r\nHost: abuse.example\r\n\r\n")
        let httpAnswer = http.receiveUntilClosed(timeout: .seconds(8))
        #expect(httpAnswer.bytes == [21, 3, 3, 0, 2, 2, 50] && httpAnswer.closed, "decode_error and closed: \(httpAnswer)")
        try await listeners.expectAllAnswering("at the end")
    }

    private func openDescriptors(of pid: Int32) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
    }
}
