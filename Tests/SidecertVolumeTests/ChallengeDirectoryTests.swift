import Foundation
import Testing

@testable import SidecertVolume

struct ChallengeDirectoryTests {
    @Test(arguments: [
        ("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0", true),
        ("a", true),
        ("A-b_9", true),
        (String(repeating: "x", count: 256), true),
        (String(repeating: "x", count: 257), false),
        ("", false),
        ("../../live/example.com", false),
        ("a/b", false),
        (".hidden", false),
        ("..", false),
        ("token=", false),
        ("tok en", false),
        ("tok+en", false),
        ("tök", false),
        ("a\u{0}b", false),
    ])
    func tokenValidation(token: String, accepted: Bool) {
        let isAccepted = (try? ChallengeDirectory.validated(token: token)) != nil
        #expect(isAccepted == accepted, "\(token.debugDescription)")
    }

    @Test func writeReadRemove() async throws {
        try await withTemporaryVolume { layout in
            let challenges = ChallengeDirectory(layout: layout)
            let token = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0"
            #expect(try challenges.read(token: token) == nil)
            try challenges.write(token: token, keyAuthorization: "\(token).thumbprint")
            #expect(try challenges.read(token: token) == "\(token).thumbprint")
            let attributes = try FileManager.default.attributesOfItem(atPath: try challenges.path(token: token))
            #expect((attributes[.posixPermissions] as? Int) == 0o644)
            try challenges.remove(token: token)
            try challenges.remove(token: token)
            #expect(try challenges.read(token: token) == nil)
            #expect(throws: VolumeError.self) { try challenges.write(token: "../escape", keyAuthorization: "x") }
        }
    }
}
