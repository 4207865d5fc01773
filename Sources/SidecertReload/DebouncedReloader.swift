import CoreMetrics
import Logging
import ServiceLifecycle
import SidecertMetrics

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Wraps a reloader so that a burst of new versions (several certificates renewed together, a follower
/// catching up) causes one reload, and a failed reload is retried and reported instead of lost.
///
/// Requests are kept per certificate name, the newest version of each: those arriving within `window` of
/// the first one become one batch, handed to the reloader at once (every certificate of it: HAProxy's
/// runtime API swaps each one). A failed batch is retried after each of `retryDelays`, merged with
/// whatever arrived meanwhile (a newer version of a name replacing the one that failed). Every failure is
/// logged and counted in ``statistics`` and, per certificate, in `sidecert_reload_failures_total{cert}`.
///
/// A `Service`: its owner runs ``run()`` in its task group, and nothing is reloaded before that or after
/// it returns (on cancellation or graceful shutdown).
package actor DebouncedReloader: Service {
    /// The reloader doing the work.
    package nonisolated let reloader: any FrontendReloader
    /// How long to wait for more requests before reloading.
    package nonisolated let window: Duration
    /// The waits before each retry of a failed batch; one retry per element.
    package nonisolated let retryDelays: [Duration]
    private let clock: any Clock<Duration>
    private let logger: Logger
    /// Told when a batch is given up after its last retry, with the error: once per batch.
    private let onGiveUp: @Sendable ([ReloadedCertificate], String) async -> Void

    /// What has happened so far.
    package private(set) var statistics = ReloadStatistics()
    /// The newest version asked for, per certificate name, not yet handed to the reloader.
    private var pending: [String: ReloadedCertificate] = [:]
    /// From the first request of a batch until it is reloaded or given up, with nothing pending.
    private var busy = false
    /// ``run()`` has returned: requests from now on are dropped, as nothing would reload them.
    private var stopped = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// One element per request, to wake ``run()``; only the latest matters, the state is in `pending`.
    private nonisolated let wakeUps: AsyncStream<Void>
    private nonisolated let wakeUp: AsyncStream<Void>.Continuation

    /// - Parameters:
    ///   - clock: what ``window`` and ``retryDelays`` are measured on; tests pass one they advance by hand.
    ///   - onGiveUp: told when a batch is given up, with the certificates and the last error.
    package init(
        _ reloader: any FrontendReloader,
        window: Duration = .milliseconds(500),
        retryDelays: [Duration] = [.seconds(1), .seconds(5), .seconds(30)],
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger,
        onGiveUp: @escaping @Sendable ([ReloadedCertificate], String) async -> Void = { _, _ in }
    ) {
        self.reloader = reloader
        self.window = window
        self.retryDelays = retryDelays
        self.clock = clock
        self.logger = logger
        self.onGiveUp = onGiveUp
        (wakeUps, wakeUp) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks for a reload to `certificate`; returns at once. It is reloaded, with whatever else arrived
    /// meanwhile, `window` after the first request of the batch.
    package func request(_ certificate: ReloadedCertificate) {
        request([certificate])
    }

    /// Asks for a reload to each of `certificates` (new versions seen together); returns at once.
    package func request(_ certificates: [ReloadedCertificate]) {
        guard !certificates.isEmpty, !stopped else { return }
        statistics.requested += certificates.count
        for certificate in certificates {
            pending[certificate.name] = certificate
        }
        busy = true
        wakeUp.yield()
    }

    /// Returns once every request so far has been reloaded or given up, or ``run()`` has returned.
    /// Requests made before ``run()`` starts are waited for.
    package func waitUntilIdle() async {
        guard busy, !stopped else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Reloads batches as they come, until the task is cancelled or the service group shuts down
    /// gracefully; a reload under way then ends as its reloader does on cancellation (a reload command
    /// is killed). Run it once.
    package func run() async {
        await cancelWhenGracefulShutdown {
            for await _ in self.wakeUps {
                await self.reloadPending()
            }
        }
        stopped = true
        pending = [:]
        becomeIdle()
    }

    /// Waits `window`, then reloads what is pending, until nothing is.
    private func reloadPending() async {
        while !pending.isEmpty {
            guard (try? await clock.sleep(for: window)) != nil else { break }
            let batch = pending
            pending = [:]
            await reloadWithRetries(batch)
        }
        if pending.isEmpty { becomeIdle() }
    }

    private func becomeIdle() {
        busy = false
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters {
            waiter.resume()
        }
    }

    /// Reloads `batch` (per name) until it succeeds or its retries run out. A retry takes in what was
    /// requested meanwhile; when that brings a new version, the merged batch starts its retries afresh, as
    /// a new version deserves.
    private func reloadWithRetries(_ first: [String: ReloadedCertificate]) async {
        var batch = first
        var attempt = 0
        while true {
            let certificates = batch.keys.sorted().compactMap { batch[$0] }
            do {
                try await reloader.reload(certificates)
                statistics.succeeded += 1
                statistics.lastFailure = nil
                let now = Date().timeIntervalSince1970
                for certificate in certificates {
                    SidecertMetric.reloads.counter(certificate: certificate.name).increment()
                    SidecertMetric.reloadLastSuccess.gauge(certificate: certificate.name).record(now)
                }
                logger.info(
                    "frontend reloaded",
                    metadata: [
                        "cert": "\(certificates.joinedNames)", "version": "\(certificates.joinedVersions)",
                        "reloader": "\(reloader.description)", "attempt": "\(attempt + 1)",
                    ]
                )
                return
            } catch {
                statistics.failedAttempts += 1
                statistics.lastFailure = "\(error)"
                let now = Date().timeIntervalSince1970
                for certificate in certificates {
                    SidecertMetric.reloadFailures.counter(certificate: certificate.name).increment()
                    SidecertMetric.reloadLastFailure.gauge(certificate: certificate.name).record(now)
                }
                var metadata: Logger.Metadata = [
                    "cert": "\(certificates.joinedNames)", "version": "\(certificates.joinedVersions)",
                    "reloader": "\(reloader.description)", "attempt": "\(attempt + 1)", "error": "\(error)",
                ]
                if let code = (error as? ReloadError)?.code { metadata["code"] = "\(code)" }
                guard attempt < retryDelays.count, !Task.isCancelled else {
                    statistics.abandoned += 1
                    logger.error("frontend reload failed; giving up until the next new version", metadata: metadata)
                    await onGiveUp(certificates, "\(error)")
                    return
                }
                metadata["retryIn"] = "\(retryDelays[attempt])"
                logger.warning("frontend reload failed; retrying", metadata: metadata)
                // Cancelled while waiting (shutting down): nothing more to do, nothing to report.
                guard (try? await clock.sleep(for: retryDelays[attempt])) != nil else { return }
                attempt += 1
                let arrived = pending
                pending = [:]
                if arrived.contains(where: { batch[$0.key] != $0.value }) { attempt = 0 }
                batch.merge(arrived) { _, newer in newer }
            }
        }
    }
}
