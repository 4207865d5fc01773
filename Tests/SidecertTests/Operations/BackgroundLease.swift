import Logging

@testable import SidecertVolume

/// Another replica holding the volume's lease for a name, in a background task, until ``release()``.
final class BackgroundLease: Sendable {
    private let release: AsyncStream<Void>.Continuation
    private let task: Task<Void, any Error>

    private init(release: AsyncStream<Void>.Continuation, task: Task<Void, any Error>) {
        self.release = release
        self.task = task
    }

    /// Takes the lease and returns once it is held.
    static func hold(layout: VolumeLayout, name: String, logger: Logger) async throws -> BackgroundLease {
        let (acquired, acquiredContinuation) = AsyncStream<Void>.makeStream()
        let (released, releaseContinuation) = AsyncStream<Void>.makeStream()
        let task = Task {
            _ = try await LeaseFile.withLease(
                layout: layout, name: name, duration: .seconds(30), holder: LeaseHolder(id: "another-replica"), logger: logger,
                isNoLongerNeeded: { false }
            ) { _ in
                acquiredContinuation.yield()
                for await _ in released { break }
            }
        }
        for await _ in acquired { break }
        return BackgroundLease(release: releaseContinuation, task: task)
    }

    /// Lets go of the lease.
    func release() async throws {
        release.yield()
        try await task.value
    }

    /// Takes the lease `name` over from whoever holds it, as a replica would after its expiry: the holder's
    /// fencing check fails from then on.
    static func steal(layout: VolumeLayout, name: String, logger: Logger) throws {
        let file = try LeaseFile(
            layout: layout, name: name, holder: LeaseHolder(id: "thief"), duration: .seconds(30), logger: logger)
        try file.replace(with: file.makeRecord(token: UInt64.max / 2))
    }
}
