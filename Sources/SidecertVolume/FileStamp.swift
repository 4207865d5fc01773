#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one `stat` says about a file that tells whether it changed: its modification time, size, inode and
/// device. Symbolic links are followed, so a Kubernetes ConfigMap (a link swapped to a new directory) shows
/// a new inode. One system call, nothing else: `FileManager.attributesOfItem` also reads /etc/passwd,
/// /etc/group and the extended attributes, seven calls more, on every watch tick.
package struct FileStamp: Equatable, Sendable {
    let seconds: Int
    let nanoseconds: Int
    let size: Int64
    let inode: UInt64
    let device: UInt64

    /// The stamp of `path` now; nil when it cannot be read (absent, say).
    package init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        seconds = Int(status.st_mtim.tv_sec)
        nanoseconds = Int(status.st_mtim.tv_nsec)
        size = Int64(status.st_size)
        inode = UInt64(status.st_ino)
        device = UInt64(status.st_dev)
    }
}
