import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension LeaseFile {
    /// Runs `body` while holding the lease for `name`, or returns ``LeaseOutcome/notNeeded`` if, while
    /// waiting for another holder, `isNoLongerNeeded` says so (a replica published a usable certificate).
    ///
    /// While `body` runs, a heartbeat extends the lease every `duration / 3`; `body` calls
    /// ``HeldLease/checkStillHeld()`` right before publishing. The lease is released when `body`
    /// returns or throws. A crashed holder delays the others by at most one `duration` from when they
    /// first see its record, and not at all when they run on its host and see its process gone.
    ///
    /// - Parameters:
    ///   - duration: the lease period; long enough to outlast a heartbeat hiccup, short enough that a
    ///     crashed holder does not stall the fleet (a minute or so).
    ///   - maximumWait: give up waiting after this long (`--wait`) with ``VolumeError/Code/leaseWaitTimedOut``.
    ///   - holder: this contender's identity.
    ///   - clock: stamps the record (waiting is timed on the monotonic clock, whatever this one says).
    ///   - pollSchedule: how often to look while waiting.
    ///   - isNoLongerNeeded: asked at every poll while waiting.
    ///   - onWait: told at every poll while waiting, for progress logs.
    package static func withLease<T>(
        layout: VolumeLayout,
        name: String,
        duration: Duration,
        maximumWait: Duration? = nil,
        holder: LeaseHolder = .thisProcess(),
        clock: WallClock = .system,
        pollSchedule: LeasePollSchedule = LeasePollSchedule(),
        logger: Logger,
        isNoLongerNeeded: @Sendable () async -> Bool,
        onWait: @Sendable (LeaseWaitProgress) -> Void = { _ in },
        body: (HeldLease) async throws -> T
    ) async throws -> LeaseOutcome<T> {
        let file = try LeaseFile(
            layout: layout,
            name: name,
            holder: holder,
            duration: duration,
            clock: clock,
            logger: logger
        )
        guard
            let held = try await file.acquire(
                maximumWait: maximumWait,
                pollSchedule: pollSchedule,
                isNoLongerNeeded: isNoLongerNeeded,
                onWait: onWait
            )
        else { return .notNeeded }
        let result: Result<T, any Error>
        do {
            result = .success(
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await held.heartbeat() }
                    defer { group.cancelAll() }
                    return try await body(held)
                }
            )
        } catch {
            result = .failure(error)
        }
        held.release()
        return .ran(try result.get())
    }

    /// Waits for the lease and takes it; nil when `isNoLongerNeeded` said so first.
    func acquire(
        maximumWait: Duration?,
        pollSchedule: LeasePollSchedule,
        isNoLongerNeeded: @Sendable () async -> Bool,
        onWait: @Sendable (LeaseWaitProgress) -> Void
    ) async throws -> HeldLease? {
        let clock = ContinuousClock()
        let start = clock.now
        var waiter = LeaseWaiter(file: self)
        var poll = 0
        while true {
            if let record = try waiter.attempt(now: clock.now) {
                logger.debug("acquired the lease", metadata: ["cert": "\(name)", "token": "\(record.token)"])
                return HeldLease(file: self, record: record)
            }
            if await isNoLongerNeeded() { return nil }
            let waited = start.duration(to: clock.now)
            if let maximumWait, waited >= maximumWait {
                throw waitTimedOut(current: waiter.lastSeen, waited: waited)
            }
            onWait(LeaseWaitProgress(current: waiter.lastSeen, waited: waited))
            var delay = pollSchedule.delay(afterPoll: poll, jitter: Double.random(in: 0..<1))
            if let maximumWait { delay = min(delay, maximumWait - waited) }
            try await Task.sleep(for: delay)
            poll += 1
        }
    }

    private func waitTimedOut(current: LeaseRecord?, waited: Duration) -> VolumeError {
        let holder =
            current.map { "\($0.holder) holds it until \($0.expiresAt.formatted(.iso8601)) unless renewed" }
            ?? "its file is unreadable"
        return VolumeError(
            code: .leaseWaitTimedOut,
            path: path,
            message: "gave up waiting for the lease for \(name) after \(waited.components.seconds) s "
                + "(\(holder)); another replica is issuing"
        )
    }
}
