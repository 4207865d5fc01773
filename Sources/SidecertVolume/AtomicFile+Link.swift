#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// Creates `path` with `content` only if nothing is there, atomically and with its content complete:
    /// `link()` of a fsynced temporary file, which unlike `O_EXCL` is safe on old NFS too.
    ///
    /// - Returns: false when something already exists at `path`.
    static func createExclusively(_ path: String, content: [UInt8], mode: mode_t = 0o644) throws -> Bool {
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
