#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// Creates `path` with `content` only if nothing is there, atomically and with its content complete:
    /// `link()` of a fsynced temporary file, which unlike `O_EXCL` is safe on old NFS too.
    ///
    /// For files every replica may race to create (an account key, a lease): exactly one wins, and
    /// nobody ever sees it half-written.
    /// - Returns: false when something already existed at `path` (which is left untouched).
    @discardableResult
    package static func installIfAbsent(_ content: [UInt8], at path: String, mode: mode_t) throws -> Bool {
        let directory = VolumePath.directory(of: path)
        try createDirectories(directory)
        let temporary = try writeTemporary(content, besides: path, mode: mode)
        defer { unlink(temporary) }
        let linked = link(temporary, path) == 0
        let linkError = errno
        // NFS can answer a retransmitted, successful link() with EEXIST: the link count tells the truth.
        var status = stat()
        guard linked || (stat(temporary, &status) == 0 && status.st_nlink == 2) else {
            guard linkError == EEXIST else { throw VolumeError.posix("link", path: path, errno: linkError) }
            return false
        }
        try syncDirectory(directory)
        return true
    }
}
