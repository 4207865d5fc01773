#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// The largest file Sidecert reads from the volume; anything bigger is not one of its files.
    package static let readLimit = 1 << 20

    /// The bytes of the regular file at `path`, or nil when it does not exist.
    ///
    /// A file that another client replaced while it was being read is read again (see ``ChangedUnderUs``).
    /// Throws when it is something else (a directory, a device), unreadable, or larger than `limit`.
    package static func readIfPresent(_ path: String, limit: Int = readLimit) throws -> [UInt8]? {
        try VolumeFileReader.volume.readIfPresent(path, limit: limit)
    }

    /// Like ``readIfPresent(_:limit:)``, for a name inside an open directory: both files of a certificate
    /// are read through one directory descriptor so a concurrent symlink swap cannot mix two versions.
    static func readIfPresent(
        _ name: String,
        relativeTo directory: Int32,
        displayPath: String,
        limit: Int = readLimit
    ) throws -> [UInt8]? {
        let descriptor = openat(directory, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw VolumeError.posix("opening", path: displayPath)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw VolumeError.posix("stat", path: displayPath) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw VolumeError(
                code: .corruptFile,
                path: displayPath,
                message: "is not a regular file; move it away so Sidecert can write a proper one"
            )
        }
        guard Int(status.st_size) <= limit else {
            throw VolumeError(
                code: .corruptFile,
                path: displayPath,
                message: "is \(status.st_size) bytes, larger than any file Sidecert writes (\(limit)); remove it"
            )
        }
        return try readAll(descriptor, path: displayPath, limit: limit)
    }

    private static func readAll(_ descriptor: Int32, path: String, limit: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw VolumeError.posix("reading", path: path)
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[..<count])
            guard result.count <= limit else {
                throw VolumeError(code: .corruptFile, path: path, message: "grew past \(limit) bytes while being read")
            }
        }
    }
}
