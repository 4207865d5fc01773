#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension VolumeError {
    /// An `.io` error for a failed system call, quoting `errno` so the operator can see the cause.
    static func posix(_ operation: String, path: String, errno code: Int32 = errno) -> VolumeError {
        let reason = String(cString: strerror(code))
        return VolumeError(
            code: .io,
            path: path,
            message: "\(operation) failed: \(reason); check the volume's permissions, free space and mount"
        )
    }
}
