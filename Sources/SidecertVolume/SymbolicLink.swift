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

    init(at path: String) throws {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length >= 0 else {
            switch errno {
            case ENOENT: self = .absent
            case EINVAL: self = .notALink
            default: throw VolumeError.posix("readlink", path: path)
            }
            return
        }
        self = .target(String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
