/// How the client waits for the CA while it validates and issues.
///
/// The defaults poll fast at first, because a local CA (Pebble) finishes in tens of milliseconds and a first
/// issuance should take under a second, then back off geometrically so a slow public CA is not hammered.
/// A `Retry-After` from the CA always wins over the computed delay.
package struct ACMEPollingPolicy: Sendable, Hashable {
    /// The first wait.
    package var initialDelay: Duration
    /// How much each wait grows over the previous one.
    package var growthFactor: Double
    /// The longest computed wait.
    package var maximumDelay: Duration
    /// The longest wait a `Retry-After` can impose while polling, so a confused CA cannot stall an order.
    package var maximumRetryAfter: Duration
    /// How long one issuance may take overall before it fails with ``ACMEError/Code/timedOut``.
    package var timeout: Duration
    /// How many times one request of an order is sent again after a transient failure (a 5xx, a lost or
    /// garbled answer; see ``ACMEError/isTransient``) before the order is given up.
    package var transientRetries: Int
    /// The wait before the first of those; each further one waits three times longer.
    package var transientRetryDelay: Duration

    /// Creates a policy; the defaults suit both Pebble and Let's Encrypt.
    package init(
        initialDelay: Duration = .milliseconds(25),
        growthFactor: Double = 1.6,
        maximumDelay: Duration = .seconds(3),
        maximumRetryAfter: Duration = .seconds(60),
        timeout: Duration = .seconds(300),
        transientRetries: Int = 3,
        transientRetryDelay: Duration = .milliseconds(500)
    ) {
        self.initialDelay = initialDelay
        self.growthFactor = growthFactor
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
        self.timeout = timeout
        self.transientRetries = transientRetries
        self.transientRetryDelay = transientRetryDelay
    }
}
