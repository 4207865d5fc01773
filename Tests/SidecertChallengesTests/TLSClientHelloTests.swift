import SidecertTestSupport
import Testing

@testable import SidecertChallenges

@Suite("Reading a TLS ClientHello before any TLS is spoken")
struct TLSClientHelloTests {
    /// A ClientHello as openssl sends it.
    static func realHello(_ options: [String]) async throws -> [UInt8] {
        try await ClientHelloCapture.openssl(options) { bytes in
            if case .incomplete = TLSClientHello.read(bytes) { return false }
            return true
        }
    }

    @Test("openssl's ClientHello: its SNI and ALPN list; every shorter prefix is incomplete, never malformed", .requiresTools)
    func realClientHello() async throws {
        let bytes = try await Self.realHello(["-servername", "Alpn.Example", "-alpn", "acme-tls/1,h2"])
        #expect(
            TLSClientHello.read(bytes) == .complete(TLSClientHello(serverName: "Alpn.Example", applicationProtocols: ["acme-tls/1", "h2"])))
        for length in 0..<bytes.count {
            #expect(TLSClientHello.read(Array(bytes.prefix(length))) == .incomplete, "a prefix of \(length) bytes")
        }
    }

    @Test("without -alpn and -servername: no protocols and no name", .requiresTools)
    func realClientHelloWithoutExtensions() async throws {
        let bytes = try await Self.realHello(["-noservername"])
        #expect(TLSClientHello.read(bytes) == .complete(TLSClientHello(serverName: nil, applicationProtocols: [])))
    }

    @Test("a ClientHello split over several records is joined", .requiresTools)
    func splitOverRecords() async throws {
        let bytes = try await Self.realHello(["-servername", "split.example", "-alpn", "acme-tls/1"])
        let handshake = Array(bytes[5...])
        var reframed: [UInt8] = []
        for start in stride(from: 0, to: handshake.count, by: 100) {
            let fragment = handshake[start..<min(start + 100, handshake.count)]
            reframed += [22, 3, 1, UInt8(fragment.count >> 8), UInt8(fragment.count & 0xFF)] + fragment
        }
        #expect(TLSClientHello.read(reframed) == .complete(TLSClientHello(serverName: "split.example", applicationProtocols: ["acme-tls/1"])))
    }

    @Test("what is not a TLS ClientHello is malformed as soon as a record header shows it")
    func notTLS() {
        func isMalformed(_ bytes: [UInt8]) -> Bool {
            if case .malformed = TLSClientHello.read(bytes) { return true }
            return false
        }
        #expect(isMalformed(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)))
        #expect(isMalformed([22, 3, 1, 0, 0]), "an empty record")
        #expect(isMalformed([22, 3, 1, 0x40, 0x01]), "a record longer than TLS allows")
        #expect(isMalformed([21, 3, 3, 0, 2, 2, 40]), "an alert, not a handshake")
        #expect(isMalformed([22, 3, 1, 0, 4, 2, 0, 0, 0]), "a ServerHello")
        // A ClientHello whose inner lengths point past its end.
        #expect(isMalformed([22, 3, 1, 0, 8, 1, 0, 0, 4, 3, 3, 0xFF, 0xFF]))
    }

    @Test("arbitrary bytes after a handshake record header never crash the reader")
    func arbitraryBytes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...300, using: &generator)
            let body = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let bytes = [22, 3, 1, UInt8(length >> 8), UInt8(length & 0xFF), 1, 0, UInt8(length >> 8), UInt8(max(0, length - 4) & 0xFF)] + body
            _ = TLSClientHello.read(bytes)
        }
    }
}
