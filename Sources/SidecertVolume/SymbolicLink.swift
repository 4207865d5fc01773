#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `readlink` says about a path: the cheapest way to learn which version `live/<name>` shows.
enum SymbolicLink: Equatable {
    /// Nothing is at the path.
    case absent
    /// Something that is not a symlink is at the path (an operator's plain directory, say).
    case notALink
    /// A symlink with this target, exactly as stored.
    case target(String)

    /// Reads the link at `path`; a link that another client swapped while it was read is read again
    /// (see ``ChangedUnderUs``).
    init(at path: String) throws {
        self = try ChangedUnderUs.retrying { try Self.read(path) }
    }

    private static func read(_ path: String) throws -> SymbolicLink {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length >= 0 else {
            switch errno {
            case ENOENT: return .absent
            case EINVAL: return .notALink
            default: throw VolumeError.posix("readlink", path: path)
            }
        }
        return .target(String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
