import Sidecert
import SidecertHTTPServer
import SidecertMetrics
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--admin-listen`: `/healthz` (the process is alive), `/readyz` (200 only while every certificate kept is
/// usable and none is a placeholder), `/metrics` (Prometheus text).
///
/// Readiness and the certificates' metrics are read from the volume at every request rather than from the
/// daemon's memory: they are then true exactly when a frontend reading `live/` would serve a real
/// certificate, whichever replica put it there.
package struct AdminEndpoints: Sendable {
    package let layout: VolumeLayout
    package let roster: CertificateRoster
    package let metrics: MetricsStore
    package let schedule: ScheduledRenewal
    /// `--lease-duration`, shown for every certificate.
    package let leaseDuration: Duration
    /// `--max-orders-per-hour`: certificates that need an order wait on it when it is spent.
    package let orderBudget: OrderBudget?

    /// How many unusable certificates `/readyz` names; the rest are counted.
    static let namedInReadiness = 20

    package init(
        layout: VolumeLayout, roster: CertificateRoster, metrics: MetricsStore, schedule: ScheduledRenewal, leaseDuration: Duration,
        orderBudget: OrderBudget?
    ) {
        self.layout = layout
        self.roster = roster
        self.metrics = metrics
        self.schedule = schedule
        self.leaseDuration = leaseDuration
        self.orderBudget = orderBudget
    }

    package func respond(to request: PlainHTTPRequest) -> PlainHTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else { return PlainHTTPResponse(status: 405, text: "GET only\n") }
        switch request.path {
        case "/healthz": return PlainHTTPResponse(status: 200, text: "ok\n")
        case "/readyz": return readiness()
        case "/metrics": return exposition()
        default: return .notFound
        }
    }

    /// What one certificate looks like on the volume now.
    private struct Observed {
        var installed: InstalledCertificate?
        /// Empty when usable.
        var problems: [String]
    }

    private func observe(_ request: CertificateRequest, now: Date) -> Observed {
        do {
            guard let installed = try request.installed(on: layout) else {
                return Observed(installed: nil, problems: ["no certificate yet"])
            }
            switch request.usability(of: installed, now: now) {
            case .usable: return Observed(installed: installed, problems: [])
            case .unusable(let reasons): return Observed(installed: installed, problems: reasons)
            }
        } catch {
            return Observed(installed: nil, problems: ["\(error)"])
        }
    }

    private func readiness() -> PlainHTTPResponse {
        let now = Date()
        let specs = roster.specs
        var unusable: [String] = []
        var lines: [String] = []
        for spec in specs {
            let observed = observe(spec.request, now: now)
            if observed.problems.isEmpty {
                if specs.count == 1, let installed = observed.installed {
                    lines.append(
                        "ready: \(spec.request.certName) serial \(installed.serialHex) valid until \(installed.notAfter.formatted(.iso8601))")
                }
            } else {
                unusable.append("\(spec.request.certName): \(observed.problems.joined(separator: "; "))")
            }
        }
        guard unusable.isEmpty else {
            let shown = unusable.prefix(Self.namedInReadiness).map { "not ready: \($0)" }
            let more = unusable.count > Self.namedInReadiness ? ["… and \(unusable.count - Self.namedInReadiness) more not ready"] : []
            return PlainHTTPResponse(status: 503, text: (shown + more).joined(separator: "\n") + "\n")
        }
        if lines.isEmpty { lines = ["ready: \(specs.count) certificates usable"] }
        return PlainHTTPResponse(status: 200, text: lines.joined(separator: "\n") + "\n")
    }

    private func exposition() -> PlainHTTPResponse {
        let now = Date()
        for (name, seconds) in schedule.secondsUntilRenewal(now: now) {
            metrics.set(.renewalSeconds, certificate: name, to: seconds)
        }
        let specs = roster.specs
        let summary = StatusReport.Summary(specs.map { recordVolumeState($0.request, now: now) }, budget: orderBudget, now: now)
        metrics.set(.certificatesKept, to: Double(summary.certificates))
        metrics.set(.certificatesUsable, to: Double(summary.usable))
        metrics.set(.certificatesDue, to: Double(summary.due))
        metrics.set(.certificatesFailing, to: Double(summary.failing))
        metrics.set(.certificatesWaitingOnBudget, to: Double(summary.waitingOnBudget))
        let text = metrics.exposition(certificates: specs.map(\.request.certName))
        IdleMemoryTrimmer.returnFreedHeap()
        return PlainHTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: text)
    }

    /// The live certificate and the ledger as they are on the volume now, whichever replica put them there:
    /// what the alerts need to be true for every replica; and what `status`' counts count.
    private func recordVolumeState(_ request: CertificateRequest, now: Date) -> StatusReport.Summary.State {
        let name = request.certName
        let observed = observe(request, now: now)
        let usable = observed.problems.isEmpty
        metrics.set(.certificateUsable, certificate: name, to: usable ? 1 : 0)
        metrics.set(.leaseDuration, certificate: name, to: leaseDuration / .seconds(1))
        if let installed = observed.installed {
            metrics.set(.certificateNotBefore, certificate: name, to: installed.notBefore.timeIntervalSince1970)
            metrics.set(.certificateNotAfter, certificate: name, to: installed.notAfter.timeIntervalSince1970)
        }
        let ledger = (try? IssuanceLedger.load(layout: layout, name: name))?.ledger ?? IssuanceLedger()
        metrics.set(.issuanceFailingSince, certificate: name, to: ledger.failuresSinceLastSuccess.first?.time.timeIntervalSince1970 ?? 0)
        let due = usable && observed.installed.map { !$0.isPlaceholder && $0.renewalDate <= now } == true
        return StatusReport.Summary.State(usable: usable, due: due, failing: ledger.consecutiveFailures > 0)
    }
}
