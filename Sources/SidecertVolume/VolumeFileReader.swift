#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the lease reads files that other replicas replace (the lease, the takeover lock): one look at a
/// time, looked at again while it changes under us (see ``ChangedUnderUs``). A seam: the tests make
/// single looks fail with `ESTALE` as GlusterFS does.
struct VolumeFileReader: Sendable {
    /// One look at `path`: its bytes, nil when it does not exist.
    var look: @Sendable (_ path: String, _ limit: Int) throws -> [UInt8]?

    /// The volume itself.
    static let volume = VolumeFileReader { path, limit in
        try AtomicFile.readIfPresent(path, relativeTo: AT_FDCWD, displayPath: path, limit: limit)
    }

    /// The bytes of the file at `path`, nil when it does not exist; like ``AtomicFile/readIfPresent(_:limit:)``.
    func readIfPresent(_ path: String, limit: Int = AtomicFile.readLimit) throws -> [UInt8]? {
        try ChangedUnderUs.retrying { try look(path, limit) }
    }
}
