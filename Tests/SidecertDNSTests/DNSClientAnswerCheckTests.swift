import Logging
import SidecertTestSupport
import Testing

@testable import SidecertDNS

/// Answers are matched to their request: a datagram with another ID is not the answer.
@Suite struct DNSClientAnswerCheckTests {
    private let client = DNSClient(timeout: .seconds(2), attempts: 2, logger: Logger(label: "dns-answer-check-test"))

    /// The request turned into an empty NOERROR answer, with `id`.
    private static func answer(to request: [UInt8], id: UInt16) -> [UInt8] {
        var message = (try? DNSMessage(wire: request)) ?? DNSMessage(id: 0)
        message.isResponse = true
        message.id = id
        message.answers = [DNSResourceRecord(name: message.questions.first?.name ?? .root, ttl: 1, data: .txt(value: "id \(id)"))]
        return (try? message.wireFormat()) ?? []
    }

    private static func id(of request: [UInt8]) -> UInt16 {
        UInt16(request[0]) << 8 | UInt16(request[1])
    }

    @Test func anAnswerWithAnotherIDIsIgnored() async throws {
        let server = try #require(LoopbackSocket(address: "127.0.0.1"))
        defer { server.close() }
        // A wrong ID first, then the right one: only the second is the answer.
        server.answer(count: 1) { request in
            [Self.answer(to: request, id: Self.id(of: request) &+ 1), Self.answer(to: request, id: Self.id(of: request))]
        }
        let answer = try await client.query(DNSName("example.test"), type: .txt, at: DNSServerAddress(host: "127.0.0.1", port: server.port))
        #expect(answer.answers.count == 1)
        #expect(answer.answers.first?.data.joinedText == "id \(answer.id)")
    }

    @Test func onlyWrongIDsMeanNoAnswer() async throws {
        let server = try #require(LoopbackSocket(address: "127.0.0.1"))
        defer { server.close() }
        server.answer(count: 2) { request in [Self.answer(to: request, id: Self.id(of: request) &+ 1)] }
        let quickClient = DNSClient(timeout: .milliseconds(300), attempts: 2, logger: Logger(label: "dns-answer-check-test"))
        let error = await #expect(throws: DNSError.self) {
            try await quickClient.query(DNSName("example.test"), type: .txt, at: DNSServerAddress(host: "127.0.0.1", port: server.port))
        }
        #expect(error?.code == .timedOut)
    }

    @Test func requestIDsAreRandom() async throws {
        let server = try #require(LoopbackSocket(address: "127.0.0.1"))
        defer { server.close() }
        server.answer(count: 8) { request in [Self.answer(to: request, id: Self.id(of: request))] }
        var ids: Set<UInt16> = []
        for _ in 0..<8 {
            ids.insert(try await client.query(DNSName("example.test"), type: .txt, at: DNSServerAddress(host: "127.0.0.1", port: server.port)).id)
        }
        #expect(ids.count >= 6, "8 random 16-bit IDs collide rarely: \(ids)")
    }
}
