import Logging
import Sidecert
import SidecertReload
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Everything `sidecert run` was told, validated: what to keep on the volume and how to tell the frontend.
package struct DaemonSettings: Sendable {
    package var layout: VolumeLayout
    /// The certificates to keep: what the flags describe, or a certificates file followed as it changes.
    /// For ACME, without `httpListen`: the daemon's own listener stays up for its whole life instead of one
    /// per order.
    package var catalog: CertificateCatalog
    /// How long a renewal waits for another replica holding the lease.
    package var wait: Duration
    package var leaseDuration: Duration
    /// How often `live/<name>` is read to notice a version another replica published (a `readlink`: works on
    /// NFS, where inotify does not).
    package var watchInterval: Duration
    /// Publish a self-signed placeholder when nothing loadable is on the volume yet.
    package var bootstrapSelfSigned: Bool
    /// Makes this replica's frontend load a new version; nil when nothing is to be reloaded.
    package var reloader: (any FrontendReloader)?
    /// The frontend's port-80 address (`--http-probe`): the first HTTP-01 order waits until it serves the volume's answers.
    package var httpProbe: URL?
    /// How long the first order waits for the frontend at most (``FrontendReadiness``).
    package var frontendWait: Duration = .seconds(120)
    /// Run on every failure and on each successful renewal (`--notify-command`).
    package var notifyCommand: String?
    /// The shortest pause between two failed attempts the ledger imposes no backoff on (a `--wait` that ran
    /// out, a configuration the CA refused): the floor that keeps a failing daemon from spinning.
    package var retryFloor: Duration
    package var logger: Logger
    /// The process's ACME sessions: every renewal and renewal-information fetch shares one per CA.
    package var sessions: ACMESessions
    /// Told of each step of an issuance (the tests stop the holder there).
    package var onStep: IssuanceStepHook = { _ in }
    /// The fleet's budget of new orders.
    package var orderBudget: OrderBudget?

    package init(
        layout: VolumeLayout, catalog: CertificateCatalog, wait: Duration, leaseDuration: Duration,
        watchInterval: Duration, bootstrapSelfSigned: Bool, reloader: (any FrontendReloader)?, notifyCommand: String?,
        retryFloor: Duration = .seconds(60), sessions: ACMESessions, logger: Logger
    ) {
        self.layout = layout
        self.catalog = catalog
        self.wait = wait
        self.leaseDuration = leaseDuration
        self.watchInterval = watchInterval
        self.bootstrapSelfSigned = bootstrapSelfSigned
        self.reloader = reloader
        self.notifyCommand = notifyCommand
        self.retryFloor = retryFloor
        self.sessions = sessions
        self.logger = logger
    }

    /// The one-shot operation the daemon runs whenever it must issue or renew `spec`, under the directory it
    /// follows (settled at start: it never moves to another one midway).
    func ensureOperation(_ spec: CertificateSpec, purpose: EnsurePurpose) -> EnsureOperation {
        var operation = EnsureOperation(
            layout: layout, request: spec.request.named(spec.request.certName),
            issuer: spec.issuer.makeIssuer(layout: layout, sessions: sessions, logger: logger),
            wait: wait, purpose: purpose, leaseDuration: leaseDuration, logger: logger, onStep: onStep)
        operation.orderBudget = orderBudget
        return operation
    }
}
