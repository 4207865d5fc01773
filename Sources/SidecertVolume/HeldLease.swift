import Logging
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A lease this process holds: its record, its heartbeat, and the fencing check before publishing.
package final class HeldLease: Sendable {
    let file: LeaseFile
    private let state: Mutex<LeaseRecord>

    init(file: LeaseFile, record: LeaseRecord) {
        self.file = file
        self.state = Mutex(record)
    }

    /// The record as this holder last wrote it.
    package var record: LeaseRecord { state.withLock { $0 } }

    /// The fencing token: one more than the previous holder's.
    package var token: UInt64 { record.token }

    /// Throws ``VolumeError/Code/leaseLost`` unless the lease file still names this holder and token and
    /// has not expired. Call it right before publishing (``CertificatePublisher``'s `fence`).
    package func checkStillHeld() throws {
        let token = self.token
        guard let problem = Self.problem(with: try file.read(), file: file, token: token, now: file.clock.now()) else { return }
        throw VolumeError(
            code: .leaseLost,
            path: file.path,
            message: "the lease for \(file.name) (token \(token)) \(problem); another replica may be issuing, so nothing was published"
        )
    }

    /// Why the lease file no longer shows a live lease of ours, or nil when it does.
    private static func problem(with current: LeaseFile.Observed?, file: LeaseFile, token: UInt64, now: Date) -> String? {
        guard let current else { return "was removed" }
        guard let record = current.record else { return "was overwritten with something unreadable" }
        guard file.isOurs(record, token: token) else { return "was taken over by \(record.holder) (token \(record.token))" }
        guard record.releasedAt == nil else { return "was released" }
        guard now < record.expiresAt else {
            return "expired at \(record.expiresAt.formatted(.iso8601)) (its heartbeat could not renew it)"
        }
        return nil
    }

    /// Extends the lease if the file still names this holder: the heartbeat.
    ///
    /// - Returns: false when the lease is no longer ours (the heartbeat stops then).
    func renew() throws -> Bool {
        let token = self.token
        guard let current = try file.read(), file.isOurs(current.record, token: token), current.record?.releasedAt == nil else {
            return false
        }
        var renewed = record
        renewed.renewedAt = file.clock.now()
        renewed.expiresAt = renewed.renewedAt.addingTimeInterval(file.duration)
        try file.replace(with: renewed)
        state.withLock { $0 = renewed }
        return true
    }

    /// Rewrites the record every third of the lease period until cancelled or the lease is lost.
    func heartbeat() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .seconds(file.duration / 3))
            } catch {
                return
            }
            do {
                guard try renew() else {
                    file.logger.warning("the lease was taken over; no longer renewing it", metadata: ["cert": "\(file.name)"])
                    return
                }
            } catch {
                file.logger.warning("could not renew the lease", metadata: ["cert": "\(file.name)", "error": "\(error)"])
            }
        }
    }

    /// Marks the lease released so the next waiter takes it at once (with token + 1); leaves a record
    /// that is no longer ours untouched.
    func release() {
        let token = self.token
        do {
            guard let current = try file.read(), file.isOurs(current.record, token: token) else {
                file.logger.warning("the lease was taken over before release; leaving the new holder's record", metadata: ["cert": "\(file.name)"])
                return
            }
            var released = record
            released.releasedAt = file.clock.now()
            released.expiresAt = released.releasedAt!
            try file.replace(with: released)
        } catch {
            file.logger.warning("could not release the lease; it expires by itself", metadata: ["cert": "\(file.name)", "error": "\(error)"])
        }
    }
}
