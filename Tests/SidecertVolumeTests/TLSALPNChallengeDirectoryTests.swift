import Foundation
import Testing

@testable import SidecertVolume

struct TLSALPNChallengeDirectoryTests {
    /// Server names come from clients' handshakes: only DNS-name syntax becomes a file name.
    @Test(
        arguments: [
            ("alpn.example", "alpn.example"),
            ("ALPN.Example.", "alpn.example"),
            ("_acme.x-y.example", "_acme.x-y.example"),
            ("1.0.0.127.in-addr.arpa", "1.0.0.127.in-addr.arpa"),
            (String(repeating: "a", count: 63) + ".example", String(repeating: "a", count: 63) + ".example"),
            (String(repeating: "a", count: 64) + ".example", nil),
            (Array(repeating: String(repeating: "a", count: 50), count: 6).joined(separator: "."), nil),
            ("", nil),
            (".", nil),
            ("..", nil),
            ("a..example", nil),
            (".example", nil),
            ("../live/example.com", nil),
            ("a/b", nil),
            ("a b.example", nil),
            ("tést.example", nil),
            ("a\u{0}b", nil),
        ] as [(String, String?)])
    func serverNameValidation(name: String, stored: String?) {
        #expect((try? TLSALPNChallengeDirectory.validated(serverName: name)) == stored, "\(name.debugDescription)")
    }

    @Test("the newest answer of a name is read; each is removed on its own, the directory with the last")
    func newestAndRemoval() async throws {
        try await withTemporaryVolume { layout in
            let challenges = TLSALPNChallengeDirectory(layout: layout)
            #expect(try challenges.newest(serverName: "a.example") == nil)
            try challenges.write(Array("first".utf8), serverName: "a.example", token: "token-1")
            try await Task.sleep(for: .milliseconds(20))
            try challenges.write(Array("second".utf8), serverName: "A.example.", token: "token-2")
            #expect(try challenges.newest(serverName: "a.example") == Array("second".utf8))
            try challenges.remove(serverName: "a.example", token: "token-2")
            #expect(try challenges.newest(serverName: "a.example") == Array("first".utf8))
            try challenges.remove(serverName: "a.example", token: "token-1")
            try challenges.remove(serverName: "a.example", token: "token-1")
            #expect(try challenges.newest(serverName: "a.example") == nil)
            #expect(!FileManager.default.fileExists(atPath: try challenges.directory(serverName: "a.example")))
            #expect(throws: VolumeError.self) { try challenges.write([1], serverName: "a.example", token: "../x") }
        }
    }
}
