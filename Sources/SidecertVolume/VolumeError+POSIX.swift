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

extension VolumeError {
    /// The error for a failed system call on `path`, saying what the cause means for the volume: a volume
    /// that belongs to another user (with this process's uid and the owner, for the `chown`), a read-only
    /// mount, a full disk, or anything else with `errno`'s words.
    /// The system's error is kept as the underlying error, so that callers can tell a file that changed
    /// under them (``isChangedUnderUs``) from a broken volume.
    static func posix(_ operation: String, path: String, errno code: Int32 = errno) -> VolumeError {
        let reason = String(cString: strerror(code))
        let underlying = POSIXErrorCode(rawValue: code).map { POSIXError($0) }
        switch code {
        case EACCES, EPERM:
            return VolumeError(
                code: .permissionDenied, path: path, message: "\(operation) failed: \(reason); \(ownership(of: path))",
                underlyingError: underlying)
        case EROFS:
            return VolumeError(
                code: .readOnly, path: path, message: "\(operation) failed: the volume is mounted read-only", underlyingError: underlying)
        case EISDIR, ENOTDIR:
            // Someone put a directory where Sidecert keeps a file, or the reverse: the operator's to move away.
            return VolumeError(
                code: .corruptFile, path: path,
                message:
                    "\(operation) failed: \(reason) (a directory where a file should be, or the reverse); move it away, Sidecert writes a new one",
                underlyingError: underlying)
        case ENOSPC, EDQUOT:
            return VolumeError(
                code: .full, path: path, message: "\(operation) failed: the volume is full (\(reason)); nothing half-written was made live",
                underlyingError: underlying)
        default:
            return VolumeError(
                code: .io, path: path, message: "\(operation) failed: \(reason); check the volume's permissions, free space and mount",
                underlyingError: underlying)
        }
    }

    /// The `errno` of the system call that failed, when this error came from one.
    var systemErrorNumber: Int32? {
        (underlyingError as? POSIXError)?.code.rawValue
    }

    /// Who this process is and who owns `path` (or its nearest existing parent).
    private static func ownership(of path: String) -> String {
        let process = "this process runs as uid \(getuid()), gid \(getgid())"
        guard let (owned, owner) = AtomicFile.nearestOwner(of: path) else { return process }
        return "\(process), and \(owned) is owned by uid \(owner.uid), gid \(owner.gid), mode 0\(String(owner.mode, radix: 8)); "
            + "make the volume writable by uid \(getuid()): chown -R \(getuid()):\(getgid()) on the directory mounted there"
    }
}
