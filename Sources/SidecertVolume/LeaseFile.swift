import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The volume's lease for one certificate name: at most one replica issues at a time, even on NFS.
///
/// `leases/<name>.lease` holds a ``LeaseRecord``. The protocol uses only operations that are atomic on
/// shared filesystems:
/// - create: write a unique temporary file, `link()` it to the lease path (fails if one exists), and
///   check the temporary's link count (NFS may report a retransmitted `link` as failed);
/// - heartbeat, release, takeover: write a temporary file and `rename()` it over the lease, after
///   checking the current record (heartbeat, release: still ours; takeover: still the expired one);
/// - takeovers are serialized by a short-lived `leases/<name>.lease.takeover` lock (also created with
///   `link()`), so the check-then-rename of one taker never races another's;
/// - fencing: ``HeldLease/checkStillHeld()`` re-reads the record right before publishing.
/// Released records stay in place so the next holder's fencing token is one higher. When a waiter may take
/// a lease over is ``LeaseExpiry``'s rule: released, its holder's process seen ended on this host, or
/// unchanged for a lease period on the waiter's own monotonic clock (never the hosts' wall clocks). Reads
/// that race another client's rename are looked at again (``ChangedUnderUs``).
package struct LeaseFile: Sendable {
    /// The volume.
    package let layout: VolumeLayout
    /// The certificate name.
    package let name: String
    /// `leases/<name>.lease`.
    package let path: String
    let holder: LeaseHolder
    let duration: TimeInterval
    /// Stamps the records; only the holder itself compares them with it (its fencing check).
    let clock: WallClock
    let reader: VolumeFileReader
    let logger: Logger

    init(
        layout: VolumeLayout, name: String, holder: LeaseHolder, duration: Duration, clock: WallClock = .system,
        reader: VolumeFileReader = .volume, logger: Logger
    ) throws {
        self.layout = layout
        self.name = name
        self.path = try layout.lease(name)
        self.holder = holder
        self.duration = duration.timeInterval
        self.clock = clock
        self.reader = reader
        self.logger = logger
    }

    /// The lease file's content as read at one moment.
    struct Observed: Equatable {
        /// The raw bytes: what waiters compare to see whether the holder is alive.
        let bytes: [UInt8]
        /// The parsed record; nil when the content is not a record.
        let record: LeaseRecord?
    }

    /// The lease file's current content, or nil when there is none.
    func read() throws -> Observed? {
        try Self.read(path, reader: reader)
    }

    static func read(_ path: String, reader: VolumeFileReader = .volume) throws -> Observed? {
        guard let bytes = try reader.readIfPresent(path, limit: 64 * 1024) else { return nil }
        return Observed(bytes: bytes, record: try? VolumeJSON.decode(LeaseRecord.self, from: bytes))
    }

    /// A new record for this holder, starting now.
    func makeRecord(token: UInt64) -> LeaseRecord {
        let now = clock.now()
        return LeaseRecord(
            holder: holder.id,
            token: token,
            acquiredAt: now,
            renewedAt: now,
            expiresAt: now.addingTimeInterval(duration),
            durationSeconds: duration,
            process: holder.process
        )
    }

    /// Whether `record` is this holder's record with this token.
    func isOurs(_ record: LeaseRecord?, token: UInt64) -> Bool {
        record?.holder == holder.id && record?.token == token
    }

    /// Creates the lease file if none exists; nil when another one exists.
    func create(token: UInt64) throws -> LeaseRecord? {
        let record = makeRecord(token: token)
        return try AtomicFile.installIfAbsent(try VolumeJSON.encode(record), at: path, mode: 0o644) ? record : nil
    }

    /// Writes `record` over the lease file (heartbeat, release, takeover): the caller has checked that
    /// replacing the current record is right.
    func replace(with record: LeaseRecord) throws {
        try AtomicFile.write(try VolumeJSON.encode(record), to: path, mode: 0o644)
    }
}
