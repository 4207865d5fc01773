import CoreMetrics
import Logging

/// Wraps a reloader so that a burst of new versions (several certificates renewed together, a follower
/// catching up) causes one reload, and a failed reload is retried and reported instead of lost.
///
/// Requests arriving within `window` of each other are coalesced into one reload of the newest
/// certificate. A failed reload is retried after each of `retryDelays`; a newer request arriving in
/// between replaces the retry. Every failure is logged and counted in ``statistics``.
public actor DebouncedReloader {
    /// The reloader doing the work.
    public nonisolated let reloader: any FrontendReloader
    /// How long to wait for more requests before reloading.
    public nonisolated let window: Duration
    /// The waits before each retry of a failed reload; one retry per element.
    public nonisolated let retryDelays: [Duration]
    private let logger: Logger
    /// Told when a reload is given up after its last retry, with the error.
    private let onGiveUp: @Sendable (ReloadedCertificate, String) async -> Void

    /// What has happened so far.
    public private(set) var statistics = ReloadStatistics()
    private var pending: ReloadedCertificate?
    private var worker: Task<Void, Never>?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(
        _ reloader: any FrontendReloader,
        window: Duration = .milliseconds(500),
        retryDelays: [Duration] = [.seconds(1), .seconds(5), .seconds(30)],
        logger: Logger,
        onGiveUp: @escaping @Sendable (ReloadedCertificate, String) async -> Void = { _, _ in }
    ) {
        self.reloader = reloader
        self.window = window
        self.retryDelays = retryDelays
        self.logger = logger
        self.onGiveUp = onGiveUp
    }

    /// Asks for a reload to `certificate`; returns at once. The reload happens once no newer request has
    /// arrived for `window`.
    public func request(_ certificate: ReloadedCertificate) {
        statistics.requested += 1
        pending = certificate
        if worker == nil {
            worker = Task { await self.run() }
        }
    }

    /// Returns once every request so far has been reloaded or given up.
    public func waitUntilIdle() async {
        guard worker != nil else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Stops waiting and retrying (on shutdown); a reload already running finishes.
    public func cancel() {
        worker?.cancel()
    }

    private func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: window)
            guard let certificate = pending, !Task.isCancelled else { break }
            pending = nil
            await reloadWithRetries(certificate)
        }
        pending = nil
        worker = nil
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters {
            waiter.resume()
        }
    }

    private func reloadWithRetries(_ certificate: ReloadedCertificate) async {
        var attempt = 0
        while true {
            do {
                try await reloader.reload(certificate: certificate)
                statistics.succeeded += 1
                statistics.lastFailure = nil
                Counter(label: "sidecert_reloads_total", dimensions: [("cert", certificate.name)]).increment()
                logger.info(
                    "frontend reloaded",
                    metadata: ["certificate": "\(certificate)", "reloader": "\(reloader.description)", "attempt": "\(attempt + 1)"]
                )
                return
            } catch {
                statistics.failedAttempts += 1
                statistics.lastFailure = "\(error)"
                Counter(label: "sidecert_reload_failures_total", dimensions: [("cert", certificate.name)]).increment()
                var metadata: Logger.Metadata = [
                    "certificate": "\(certificate)", "reloader": "\(reloader.description)", "attempt": "\(attempt + 1)",
                    "error": "\(error)",
                ]
                if let code = (error as? ReloadError)?.code { metadata["code"] = "\(code)" }
                guard attempt < retryDelays.count, !Task.isCancelled else {
                    statistics.abandoned += 1
                    logger.error("frontend reload failed; giving up until the next new version", metadata: metadata)
                    await onGiveUp(certificate, "\(error)")
                    return
                }
                metadata["retryIn"] = "\(retryDelays[attempt])"
                logger.warning("frontend reload failed; retrying", metadata: metadata)
                try? await Task.sleep(for: retryDelays[attempt])
                attempt += 1
                // A newer version arrived meanwhile: reloading to it replaces this retry.
                if pending != nil || Task.isCancelled { return }
            }
        }
    }
}
