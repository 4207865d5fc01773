#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Crash-safe file writes: a reader (or a replica after a crash) sees the old file or the new one, never a torn mix.
///
/// Every write goes to a temporary file in the target's directory, is `fsync`ed, renamed over the target,
/// and the directory is `fsync`ed so the rename itself survives a power cut. Works on local disks and NFS.
package enum AtomicFile {
    /// Replaces (or creates) `path` with `bytes`, atomically and durably.
    ///
    /// - Parameters:
    ///   - mode: the file's exact permissions (the umask does not apply), e.g. `0o600` for private keys.
    ///   - group: when set, the file's group is changed to it before it becomes visible (`0o640` keys
    ///     readable by a frontend's group).
    package static func write(
        _ bytes: some Collection<UInt8>,
        to path: String,
        mode: mode_t,
        group: gid_t? = nil
    ) throws {
        try createDirectories(VolumePath.directory(of: path))
        let temporary = try writeTemporary(bytes, besides: path, mode: mode, group: group)
        try replace(path, with: temporary)
    }

    /// The owner and permission bits of `path`, or of its nearest existing parent, with which one it is.
    static func nearestOwner(of path: String) -> (path: String, owner: (uid: UInt32, gid: UInt32, mode: UInt32))? {
        var candidate = path
        var status = stat()
        while stat(candidate, &status) != 0 {
            let parent = VolumePath.directory(of: candidate)
            guard parent != candidate else { return nil }
            candidate = parent
        }
        return (candidate, (UInt32(status.st_uid), UInt32(status.st_gid), UInt32(status.st_mode & 0o7777)))
    }

    /// Removes `path` durably (the directory is synced); a file that is not there is fine.
    package static func remove(_ path: String) throws {
        guard unlink(path) == 0 else {
            guard errno == ENOENT else { throw VolumeError.posix("removing", path: path) }
            return
        }
        try syncDirectory(VolumePath.directory(of: path))
    }

    /// Writes `bytes` to a fresh, fsynced temporary file in `path`'s directory and returns its path.
    ///
    /// The caller moves it into place with `rename` (replace) or `link` (create only if absent).
    static func writeTemporary(
        _ bytes: some Collection<UInt8>,
        besides path: String,
        mode: mode_t,
        group: gid_t? = nil
    ) throws -> String {
        let temporary = temporaryPath(besides: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw VolumeError.posix("creating a temporary file", path: temporary) }
        do {
            defer { close(descriptor) }
            guard fchmod(descriptor, mode) == 0 else { throw VolumeError.posix("setting permissions", path: temporary) }
            if let group, fchown(descriptor, uid_t.max, group) != 0 {
                throw VolumeError.posix("changing the group to \(group)", path: temporary)
            }
            try writeAll(bytes, to: descriptor, path: temporary)
            guard fsync(descriptor) == 0 else { throw VolumeError.posix("fsync", path: temporary) }
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    /// Renames `temporary` over `path` and makes the rename durable; removes `temporary` if that fails.
    static func replace(_ path: String, with temporary: String) throws {
        try place(temporary, at: path)
        try syncDirectory(VolumePath.directory(of: path))
    }

    /// Renames `temporary` over `path` without syncing the directory, for callers that write several
    /// files and sync once; removes `temporary` if the rename fails.
    static func place(_ temporary: String, at path: String) throws {
        guard rename(temporary, path) == 0 else {
            let failure = VolumeError.posix("renaming \(temporary) over it", path: path)
            unlink(temporary)
            throw failure
        }
    }

    /// Flushes a directory's entries (creations, renames, removals) to stable storage.
    package static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw VolumeError.posix("opening the directory", path: path) }
        defer { close(descriptor) }
        // Some network filesystems refuse fsync on directories; their renames are synchronous anyway.
        guard fsync(descriptor) == 0 || errno == EINVAL || errno == EBADF else {
            throw VolumeError.posix("fsync of the directory", path: path)
        }
    }

    /// Creates `path` and any missing parents with mode 0755, so frontends in other containers can traverse them.
    static func createDirectories(_ path: String) throws {
        var existing = stat()
        if stat(path, &existing) == 0 {
            guard (existing.st_mode & S_IFMT) == S_IFDIR else {
                throw VolumeError(
                    code: .io,
                    path: path,
                    message: "exists but is not a directory; move it out of the volume"
                )
            }
            return
        }
        let parent = VolumePath.directory(of: path)
        if parent != path { try createDirectories(parent) }
        if mkdir(path, 0o755) != 0 {
            guard errno == EEXIST else { throw VolumeError.posix("creating the directory", path: path) }
            return
        }
        chmod(path, 0o755)
        try syncDirectory(parent)
    }

    static func temporaryPath(besides path: String) -> String {
        let directory = VolumePath.directory(of: path)
        return "\(directory)/.\(VolumePath.lastComponent(of: path)).tmp-\(UniqueSuffix.make())"
    }

    private static func writeAll(_ bytes: some Collection<UInt8>, to descriptor: Int32, path: String) throws {
        let buffer = Array(bytes)
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                writeBytes(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw VolumeError.posix("writing", path: path)
            }
            offset += written
        }
    }
}

/// `write(2)`, reachable from inside `AtomicFile` whose own `write` shadows it.
private func writeBytes(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}
