import Logging

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

/// One contender's view of a lease across polls: what it last saw and since when, by its own
/// monotonic clock, which is what lets it judge a silent holder dead whatever the hosts' clocks say
/// (see ``LeaseExpiry``).
struct LeaseWaiter {
    /// Content seen at a path, and since when it has not changed.
    struct Observation {
        var bytes: [UInt8]
        var since: ContinuousClock.Instant

        /// Records `bytes` seen at `now`; returns how long they have been unchanged, in seconds.
        static func update(_ observation: inout Observation?, with bytes: [UInt8], at now: ContinuousClock.Instant) -> TimeInterval {
            if observation?.bytes != bytes { observation = Observation(bytes: bytes, since: now) }
            return observation!.since.duration(to: now).timeInterval
        }
    }

    let file: LeaseFile
    /// The lease record at the last poll, for progress reports and the next token.
    private(set) var lastSeen: LeaseRecord?
    private var lease: Observation?
    private var takeoverLock: Observation?

    init(file: LeaseFile) {
        self.file = file
    }

    /// One poll: takes the lease if it is absent, released or expired.
    ///
    /// A file that changed under us while we looked (a network filesystem's `ESTALE`, see
    /// ``ChangedUnderUs``) is this round lost, not an error: the next poll looks again.
    ///
    /// - Returns: our new record, or nil when someone else holds the lease (or won this round).
    mutating func attempt(now: ContinuousClock.Instant) throws -> LeaseRecord? {
        do {
            return try attemptOnce(now: now)
        } catch let error as VolumeError where error.isChangedUnderUs {
            file.logger.debug("the lease changed while it was read; looking again", metadata: ["cert": "\(file.name)", "error": "\(error)"])
            return nil
        }
    }

    private mutating func attemptOnce(now: ContinuousClock.Instant) throws -> LeaseRecord? {
        guard let current = try file.read() else {
            return try file.create(token: LeaseRecord.successorToken(after: lastSeen))
        }
        lastSeen = current.record ?? lastSeen
        let unchangedFor = Observation.update(&lease, with: current.bytes, at: now)
        let expiry = LeaseExpiry.judge(current.record, unchangedFor: unchangedFor, fallbackDuration: file.duration) { [file] in
            guard let holder = current.record?.process, let observer = file.holder.process else { return nil }
            return holder.endReason(seenFrom: observer, in: .system)
        }
        guard let expiry else { return nil }
        return try takeOver(current, because: expiry, now: now)
    }

    /// Replaces the expired record `expired` with ours, under the takeover lock so that only one waiter
    /// checks and replaces at a time.
    private mutating func takeOver(_ expired: LeaseFile.Observed, because expiry: LeaseExpiry, now: ContinuousClock.Instant) throws -> LeaseRecord? {
        guard let lock = try acquireTakeoverLock(now: now) else { return nil }
        defer { releaseTakeoverLock(lock) }
        guard try file.read() == expired else { return nil }
        let record = file.makeRecord(token: LeaseRecord.successorToken(after: expired.record))
        try file.replace(with: record)
        if expiry != .released {
            file.logger.notice(
                "took over the lease",
                metadata: [
                    "cert": "\(file.name)", "previous": "\(expired.record?.holder ?? "unreadable record")", "why": "\(expiry.reason)",
                ]
            )
        }
        return record
    }

    private var takeoverLockPath: String { "\(file.path).takeover" }

    /// Takes the takeover lock; breaks it when it has not changed for a lease period (its taker crashed:
    /// a live one holds it for milliseconds). Returns the lock's content when held.
    private mutating func acquireTakeoverLock(now: ContinuousClock.Instant) throws -> [UInt8]? {
        let path = takeoverLockPath
        let content = Array("\(file.holder.id) \(UniqueSuffix.make())\n".utf8)
        if try AtomicFile.installIfAbsent(content, at: path, mode: 0o644) { return content }
        guard let current = try file.reader.readIfPresent(path) else { return nil }
        guard Observation.update(&takeoverLock, with: current, at: now) > file.duration else { return nil }
        file.logger.warning("removing a takeover lock left by a crashed replica", metadata: ["cert": "\(file.name)", "path": "\(path)"])
        try removeIfUnchanged(path, expected: current)
        return try AtomicFile.installIfAbsent(content, at: path, mode: 0o644) ? content : nil
    }

    private func releaseTakeoverLock(_ content: [UInt8]) {
        if (try? file.reader.readIfPresent(takeoverLockPath)) == content {
            unlink(takeoverLockPath)
        }
    }

    /// Removes `path` if it still holds `expected`: moves it aside under a unique name, looks at what
    /// was moved, and puts it back with `link()` if it turned out to be somebody else's fresh file.
    private func removeIfUnchanged(_ path: String, expected: [UInt8]) throws {
        let aside = "\(path).stale-\(UniqueSuffix.make())"
        guard rename(path, aside) == 0 else {
            if errno == ENOENT { return }
            throw VolumeError.posix("moving aside", path: path)
        }
        defer { unlink(aside) }
        if try file.reader.readIfPresent(aside) != expected {
            link(aside, path)
        }
    }
}
