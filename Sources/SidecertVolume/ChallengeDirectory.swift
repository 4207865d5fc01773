#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `acme-challenge/`: HTTP-01 key authorizations that every replica's frontend serves as static files,
/// so the CA's request may land on any replica behind the load balancer.
package struct ChallengeDirectory: Sendable {
    /// The longest token accepted; ACME tokens are 43 characters at Let's Encrypt.
    package static let maximumTokenLength = 256

    /// The volume.
    package let layout: VolumeLayout

    package init(layout: VolumeLayout) {
        self.layout = layout
    }

    /// `acme-challenge/<token>`, once the token is known to be a safe file name.
    package func path(token: String) throws -> String {
        "\(layout.challengeDirectory)/\(try Self.validated(token: token))"
    }

    /// Publishes a key authorization, world-readable (0644) so a frontend running as any user can serve it.
    package func write(token: String, keyAuthorization: String) throws {
        try AtomicFile.write(Array(keyAuthorization.utf8), to: try path(token: token), mode: 0o644)
    }

    /// The key authorization for `token`, or nil when there is none.
    package func read(token: String) throws -> String? {
        let limit = Self.maximumTokenLength * 2 + 128
        return try AtomicFile.readIfPresent(try path(token: token), limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Removes a key authorization once its challenge is done; removing one that is not there is fine.
    package func remove(token: String) throws {
        let path = try path(token: token)
        guard unlink(path) == 0 || errno == ENOENT else { throw VolumeError.posix("removing", path: path) }
    }

    /// Checks that a token from the CA is base64url (`[A-Za-z0-9_-]`, RFC 8555 §8.3) of bounded length
    /// before it becomes a file name: a hostile or broken server must not write outside the directory.
    @discardableResult
    package static func validated(token: String) throws -> String {
        let isBase64URL = token.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": true
            default: false
            }
        }
        guard !token.isEmpty, token.utf8.count <= maximumTokenLength, isBase64URL else {
            throw VolumeError(
                code: .invalidName,
                path: nil,
                message:
                    "the ACME challenge token '\(token.prefix(80))' is not base64url of at most \(maximumTokenLength) characters; the CA sent something unexpected"
            )
        }
        return token
    }
}
