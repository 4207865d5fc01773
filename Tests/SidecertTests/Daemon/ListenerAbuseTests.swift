import Foundation
import Testing

@testable import SidecertVolume

/// `--http-listen` faces the internet on port 80 and `--admin-listen` carries the health probes: a client
/// holding connections open, trickling bytes or sending a huge request must not silence either. Run as a
/// container runtime might start it: with a limit of 256 open files.
@Suite(.tags(.realPeers))
struct ListenerAbuseTests {
    static let openFileLimit = 256
    static let token = "abuse-token_0123456789abcdefghijklmnopqrstuvwxyz"

    struct Listeners {
        let run: RunningSidecert
        let http: Int
        let admin: Int

        func challenge() async throws -> Curl.Response {
            try await Curl.get("http://127.0.0.1:\(http)/.well-known/acme-challenge/\(ListenerAbuseTests.token)")
        }

        func probe(_ path: String) async throws -> Curl.Response {
            try await Curl.get("http://127.0.0.1:\(admin)\(path)")
        }

        /// The HTTP-01 answer and both probes, as the CA and the kubelet would ask for them.
        func expectAnswering(_ situation: String) async throws {
            let challenge = try await challenge()
            #expect(challenge.status == 200 && challenge.body == "\(ListenerAbuseTests.token).thumbprint", "HTTP-01 \(situation): \(challenge)")
            #expect(try await probe("/healthz").status == 200, "/healthz \(situation)")
            #expect(try await probe("/readyz").status == 200, "/readyz \(situation)")
        }
    }

    func start(volume: TemporaryVolume) async throws -> Listeners {
        try ChallengeDirectory(layout: VolumeLayout(root: volume.path)).write(token: Self.token, keyAuthorization: "\(Self.token).thumbprint")
        let ports = try FreePort.allocate(2)
        let run = try SidecertProcess.start(
            [
                "run", "--storage", volume.path, "--domain", "abuse.localhost", "--http-listen", "127.0.0.1:\(ports[0])", "--admin-listen",
                "127.0.0.1:\(ports[1])",
            ], openFileLimit: Self.openFileLimit)
        try await run.waitForOutput(containing: "serving /healthz")
        try await run.waitForOutput(containing: "notice issued")
        return Listeners(run: run, http: ports[0], admin: ports[1])
    }

    @Test(
        "thousands of idle connections on the HTTP-01 port: HTTP-01 answers and the probes keep working, and the idle ones are closed",
        .timeLimit(.minutes(2)))
    func idleConnectionFlood() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let listeners = try await start(volume: volume)
        defer { listeners.run.stop() }
        let flood = try await ConnectionFlood.start(port: listeners.http, count: 2_000)
        defer { flood.stop() }
        #expect(flood.opened > Self.openFileLimit * 2, "the flood holds more connections than sidecert may open: \(flood.opened)")
        try await listeners.expectAnswering("with \(flood.opened) idle connections opened")
        #expect(try openDescriptors(of: listeners.run.pid) < Self.openFileLimit, "sidecert stays inside its file limit")

        // Nothing is sent on them: within the 10 s request-head timeout (and some slack for a busy machine),
        // the server closes every one it still held.
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        while flood.closedByServer < flood.opened, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(flood.closedByServer == flood.opened, "\(flood.opened - flood.closedByServer) idle connections still open")
        try await listeners.expectAnswering("after the flood")
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
        let two = polite.receiveUntilClosed(timeout: .seconds(2))
        #expect(String(decoding: two.bytes, as: UTF8.self).components(separatedBy: "HTTP/1.1 200").count == 3, "two answers on one connection")
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

    private func openDescriptors(of pid: Int32) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
    }
}
