// Only the C library here, no Foundation: with Foundation in scope, `struct stat` is also reachable
// through CoreFoundation, and member-import visibility then depends on the compiler's batch order.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `lstat(2)` says of one path, for ``VolumeSnapshot``.
struct FileStatus {
    enum Kind {
        case file
        case directory
        case symlink
        case other
    }

    var kind: Kind
    var size: Int64
    /// Permission bits only.
    var mode: UInt32
    /// Nanoseconds since the epoch.
    var modificationTime: Int64

    /// nil when the path does not exist (or cannot be examined).
    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        size = Int64(info.st_size)
        mode = UInt32(info.st_mode) & 0o7777
        modificationTime = Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
