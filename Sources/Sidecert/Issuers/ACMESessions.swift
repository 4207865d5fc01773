import Logging
import SidecertVolume
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The process's ACME sessions, one per CA (directory and trust roots) and volume, so that `ensure`, every
/// scheduled renewal and every renewal-information fetch share one connection pool and one account.
package final class ACMESessions: Sendable {
    private struct Key: Hashable {
        var directoryURL: String
        var caBundlePath: String?
        var volume: String
    }

    private let logger: Logger
    private let sessions = Mutex<[Key: ACMESession]>([:])

    private init(logger: Logger) {
        self.logger = logger
    }

    /// Runs `body` with a set of sessions and closes every one afterwards, whatever happens.
    package static func withSessions<Result, Failure: Error>(
        logger: Logger, _ body: (ACMESessions) async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let sessions = ACMESessions(logger: logger)
        let result: Result
        do {
            result = try await body(sessions)
        } catch {
            await sessions.shutdown()
            throw error
        }
        await sessions.shutdown()
        return result
    }

    /// The session for `settings` on the volume at `layout`, made on first use.
    package func session(for settings: ACMESettings, layout: VolumeLayout) -> ACMESession {
        let key = Key(directoryURL: settings.directoryURL.absoluteString, caBundlePath: settings.caBundlePath, volume: layout.root)
        return sessions.withLock { sessions in
            if let existing = sessions[key] { return existing }
            let session = ACMESession(settings: settings, layout: layout, logger: logger)
            sessions[key] = session
            return session
        }
    }

    private func shutdown() async {
        let all = sessions.withLock { sessions in
            defer { sessions = [:] }
            return Array(sessions.values)
        }
        for session in all {
            await session.shutdown()
        }
    }
}
