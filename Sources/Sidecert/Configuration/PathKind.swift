#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a path the user gave names, links followed: how `--storage` and an import's source are checked
/// before anything is read or written.
enum PathKind: Equatable {
    case missing
    case directory
    /// A file, a device, a socket: anything but a directory.
    case other

    init(of path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            self = .missing
            return
        }
        self = (status.st_mode & S_IFMT) == S_IFDIR ? .directory : .other
    }
}
