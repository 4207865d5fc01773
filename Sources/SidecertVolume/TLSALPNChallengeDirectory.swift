#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `tls-alpn-01/<server name>/<token>`: what a TLS-ALPN-01 validation needs, kept on the volume so that every
/// replica's `acme-tls/1` listener answers, whichever replica holds the lease.
///
/// The server name is what the CA's validator sends as SNI (a DNS name, or an address's reverse-DNS name), so
/// a listener finds the answer from the handshake alone. One file per token, not per name: two orders for the
/// same name (two certificates that share it) each remove exactly their own file, and the newest one is
/// served. The bytes are the caller's: the volume knows nothing of ACME.
package struct TLSALPNChallengeDirectory: Sendable {
    /// The most bytes one answer may hold; a key authorization and its identifier are a few hundred.
    package static let maximumAnswerBytes = 4_096
    /// The longest server name (a DNS name's presentation length).
    package static let maximumServerNameLength = 253

    /// The volume.
    package let layout: VolumeLayout

    package init(layout: VolumeLayout) {
        self.layout = layout
    }

    /// `tls-alpn-01/<server name>/`, once the name is known to be a safe file name.
    package func directory(serverName: String) throws -> String {
        "\(layout.tlsALPNChallengeDirectory)/\(try Self.validated(serverName: serverName))"
    }

    /// `tls-alpn-01/<server name>/<token>`.
    package func path(serverName: String, token: String) throws -> String {
        "\(try directory(serverName: serverName))/\(try ChallengeDirectory.validated(token: token))"
    }

    /// Publishes an answer (0644: it holds nothing secret, and listeners may run as another user).
    package func write(_ answer: [UInt8], serverName: String, token: String) throws {
        guard answer.count <= Self.maximumAnswerBytes else {
            throw VolumeError(code: .invalidName, path: nil, message: "a TLS-ALPN-01 answer of \(answer.count) bytes is too large")
        }
        let path = try path(serverName: serverName, token: token)
        do {
            try AtomicFile.write(answer, to: path, mode: 0o644)
        } catch {
            // Another order's clean-up may have removed the (empty) directory between its creation and the
            // write: once more, with the directory created again.
            try AtomicFile.write(answer, to: path, mode: 0o644)
        }
    }

    /// The newest answer for `serverName` (by modification time), or nil when there is none. `serverName` may
    /// come from a client's handshake: it is validated before it touches the filesystem.
    package func newest(serverName: String) throws -> [UInt8]? {
        let directory = try directory(serverName: serverName)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return nil
        }
        // Temporary files of a write in progress start with '.', which no token does.
        let candidates = names.filter { (try? ChallengeDirectory.validated(token: $0)) != nil }.compactMap { token -> (Date, String)? in
            let attributes = try? FileManager.default.attributesOfItem(atPath: "\(directory)/\(token)")
            guard attributes?[.type] as? FileAttributeType == .typeRegular, let modified = attributes?[.modificationDate] as? Date else { return nil }
            return (modified, token)
        }
        // A file removed between the listing and the read is skipped for the next newest.
        for (_, token) in candidates.sorted(by: { ($0.0, $0.1) > ($1.0, $1.1) }) {
            if let bytes = try AtomicFile.readIfPresent("\(directory)/\(token)", limit: Self.maximumAnswerBytes) {
                return bytes
            }
        }
        return nil
    }

    /// Removes one answer, and its server name's directory when it was the last; removing one that is not
    /// there is fine.
    package func remove(serverName: String, token: String) throws {
        try AtomicFile.remove(try path(serverName: serverName, token: token))
        let directory = try directory(serverName: serverName)
        // Not empty: another order for the same name still has its answer there.
        if rmdir(directory) != 0, ![ENOENT, ENOTEMPTY, EEXIST].contains(errno) {
            throw VolumeError.posix("removing", path: directory)
        }
    }

    /// A server name in the form it is stored under: lower case, without a final dot, `[a-z0-9_-]` labels of
    /// 1 to 63 characters separated by dots, at most ``maximumServerNameLength`` characters. Anything else
    /// (a path, an empty label, a byte a DNS name has not) is refused before it becomes a file name.
    @discardableResult
    package static func validated(serverName: String) throws -> String {
        var name = serverName.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let isName =
            !name.isEmpty && name.utf8.count <= maximumServerNameLength
            && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63
                    && label.unicodeScalars.allSatisfy { scalar in
                        switch scalar {
                        case "a"..."z", "0"..."9", "-", "_": true
                        default: false
                        }
                    }
            }
        guard isName else {
            throw VolumeError(
                code: .invalidName, path: nil,
                message: "'\(serverName.prefix(80).unicodeScalars.map { $0.escaped(asASCII: true) }.joined())' is not a server name")
        }
        return name
    }
}
