import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension ACMEClient {
    /// Runs `request` (one read of an order: the order, an authorization, the certificate) and runs it again
    /// while it fails transiently, as ``TransientRetrySchedule`` says; the last failure is thrown.
    ///
    /// Only for requests that change nothing at the CA, so sending one twice is harmless.
    func retryingTransientFailures<Result>(
        _ what: @autoclosure () -> String, deadline: Date, _ request: () async throws -> Result
    ) async throws -> Result {
        var schedule = TransientRetrySchedule(policy: polling, deadline: deadline)
        while true {
            do {
                return try await request()
            } catch let error as ACMEError {
                guard let delay = schedule.nextDelay(after: error, now: Date()) else { throw error }
                logTransientFailure(error, of: what(), retryingIn: delay)
                try await Task.sleep(for: delay)
            }
        }
    }

    /// One line per transient failure that the order rides out, so a CA in trouble shows in the logs even when
    /// the certificate comes.
    func logTransientFailure(_ error: ACMEError, of what: String, retryingIn delay: Duration) {
        logger.warning(
            "ACME request failed; trying again",
            metadata: ["acme.request": "\(what)", "acme.retryIn": "\(delay)", "error": "\(error)"]
        )
    }
}
