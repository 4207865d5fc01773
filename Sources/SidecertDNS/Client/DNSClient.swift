import Logging
import NIOCore
import NIOPosix

/// Sends DNS requests (queries, UPDATEs, NOTIFYs) to one server at a time and returns its answer.
///
/// Over UDP a request is sent up to ``attempts`` times, waiting ``timeout`` after each, and repeated
/// over TCP when the answer is truncated. Every request gets a random message ID and answers with
/// another ID, or from another address, are ignored. A server that never answers gives
/// ``DNSError/Code/timedOut``, distinct from every other failure, so callers can "try again later".
///
/// A value type holding only settings: make one and share it freely.
package struct DNSClient: Sendable {
    /// How long to wait for an answer after each send (and for a TCP connection).
    package var timeout: Duration
    /// How many times to send a request before giving up (at least 1).
    package var attempts: Int
    let logger: Logger
    let eventLoopGroup: any EventLoopGroup
    /// Seconds since the Unix epoch, for TSIG; tests move it to provoke BADTIME.
    let wallClock: @Sendable () -> UInt64

    /// - Parameters:
    ///   - timeout: per attempt; the whole exchange takes at most about `timeout × attempts`.
    ///   - attempts: sends per request; UDP loses packets, so more than one.
    ///   - logger: where each exchange is logged at debug level (no key material is ever logged).
    package init(timeout: Duration = .seconds(3), attempts: Int = 3, logger: Logger) {
        self.init(timeout: timeout, attempts: attempts, logger: logger, wallClock: DNSClient.secondsSinceEpoch)
    }

    init(
        timeout: Duration,
        attempts: Int,
        logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        wallClock: @escaping @Sendable () -> UInt64
    ) {
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.wallClock = wallClock
    }
}
