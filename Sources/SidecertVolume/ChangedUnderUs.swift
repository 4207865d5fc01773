#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads of files that other replicas replace, on network filesystems.
///
/// On NFS and GlusterFS, a file that a replica on another client renamed over or removed can fail a read
/// here with `ESTALE` ("Stale file handle": this client's cached handle names the old file), and with
/// `ENOENT` after it was opened. Both mean "it changed under us", not "the volume is broken": the answer
/// is to look again, which looks the name up afresh. Seen on GlusterFS for leases, takeover locks, the
/// ledger and `live/` links while 16 replicas on two mounts took turns.
enum ChangedUnderUs {
    /// Looks at most this often: each look is a fresh lookup, and a replaced file settles in microseconds,
    /// so a handful is plenty; bounded so that a filesystem that always answers `ESTALE` still fails.
    static let attempts = 5

    /// Runs `look` until it does not fail with ``VolumeError/isChangedUnderUs``, at most `attempts` times,
    /// pausing 1, 2, 4, … ms between looks; the last failure is thrown.
    static func retrying<T>(attempts: Int = attempts, _ look: () throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try look()
            } catch let error as VolumeError where error.isChangedUnderUs && attempt < attempts {
                usleep(useconds_t(1_000 << (attempt - 1)))
                attempt += 1
            }
        }
    }
}

extension VolumeError {
    /// Whether the file changed under the reader (`ESTALE`, or `ENOENT` for a file that was there a moment
    /// ago): reading again is the remedy (see ``ChangedUnderUs``).
    var isChangedUnderUs: Bool {
        systemErrorNumber == ESTALE || systemErrorNumber == ENOENT
    }
}
