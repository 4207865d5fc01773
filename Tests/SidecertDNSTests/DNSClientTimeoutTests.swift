import Logging
import SidecertTestSupport
import Testing

@testable import SidecertDNS

/// A server that does not answer is "timed out", a code of its own (the product's "try again later").
@Suite struct DNSClientTimeoutTests {
    private let client = DNSClient(timeout: .milliseconds(200), attempts: 2, logger: Logger(label: "dns-timeout-test"))

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let silent = try #require(LoopbackSocket(address: "127.0.0.1"))
        defer { silent.close() }
        let server = DNSServerAddress(host: "127.0.0.1", port: silent.port)
        let error = await #expect(throws: DNSError.self) {
            try await client.query(DNSName("example.test"), type: .soa, at: server)
        }
        #expect(error?.code == .timedOut)
        #expect(
            error?.message
                == "the DNS server at 127.0.0.1:\(silent.port) did not answer QUERY example.test SOA (sent 2 times over UDP, 0.2 seconds apart)")
    }

    @Test func aPortNothingListensOnTimesOut() async throws {
        let closed = try #require(LoopbackSocket(address: "127.0.0.1"))
        let port = closed.port
        closed.close()
        let server = DNSServerAddress(host: "127.0.0.1", port: port)
        let error = await #expect(throws: DNSError.self) {
            try await client.update(
                DNSMessage.updateAddingTXT(zone: DNSName("example.test"), name: DNSName("x.example.test"), ttl: 60, value: "v"),
                at: server,
                key: TSIGKey(name: DNSName("k"), secret: [1])
            )
        }
        #expect(error?.code == .timedOut)
        // Over TCP the kernel refuses at once: a connection failure, not a timeout.
        let overTCP = await #expect(throws: DNSError.self) {
            try await client.exchange(.query(name: DNSName("example.test"), type: .soa), with: server, transport: .tcp)
        }
        #expect(overTCP?.code == .connectionFailed)
    }

    @Test func cancellingAWaitEndsItWithoutATimeoutError() async throws {
        let silent = try #require(LoopbackSocket(address: "127.0.0.1"))
        defer { silent.close() }
        let slowClient = DNSClient(timeout: .seconds(600), attempts: 1, logger: Logger(label: "dns-cancel-test"))
        let server = DNSServerAddress(host: "127.0.0.1", port: silent.port)
        let task = Task { try await slowClient.query(DNSName("example.test"), type: .soa, at: server) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
