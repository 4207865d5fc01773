import CoreMetrics
import Foundation
import Prometheus
import Sidecert
import SidecertHTTPServer
import SidecertMetrics
import SidecertVolume

/// `--admin-listen`: `/healthz` (the process is alive), `/readyz` (200 only while a usable certificate
/// that is not a placeholder is live), `/metrics` (Prometheus text).
///
/// Readiness is read from the volume at every probe rather than from the daemon's memory: it is then
/// true exactly when a frontend reading `live/<name>` would serve a real certificate, whichever replica
/// put it there.
public struct AdminEndpoints: Sendable {
    public let layout: VolumeLayout
    public let request: CertificateRequest
    public let registry: PrometheusCollectorRegistry
    public let schedule: ScheduledRenewal

    public init(layout: VolumeLayout, request: CertificateRequest, registry: PrometheusCollectorRegistry, schedule: ScheduledRenewal) {
        self.layout = layout
        self.request = request
        self.registry = registry
        self.schedule = schedule
    }

    public func respond(to request: PlainHTTPRequest) -> PlainHTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else { return PlainHTTPResponse(status: 405, text: "GET only\n") }
        switch request.path {
        case "/healthz": return PlainHTTPResponse(status: 200, text: "ok\n")
        case "/readyz": return readiness()
        case "/metrics": return metrics()
        default: return .notFound
        }
    }

    private func readiness() -> PlainHTTPResponse {
        let name = request.certName
        let installed: InstalledCertificate
        do {
            guard let loaded = try request.installed(on: layout) else {
                return PlainHTTPResponse(status: 503, text: "not ready: no certificate for \(name) yet\n")
            }
            installed = loaded
        } catch {
            return PlainHTTPResponse(status: 503, text: "not ready: \(error)\n")
        }
        switch request.usability(of: installed, now: Date()) {
        case .usable:
            return PlainHTTPResponse(
                status: 200, text: "ready: \(name) serial \(installed.serialHex) valid until \(installed.notAfter.formatted(.iso8601))\n")
        case .unusable(let reasons):
            return PlainHTTPResponse(status: 503, text: "not ready: \(name): \(reasons.joined(separator: "; "))\n")
        }
    }

    private func metrics() -> PlainHTTPResponse {
        let now = Date()
        for (name, seconds) in schedule.secondsUntilRenewal(now: now) {
            SidecertMetric.renewalSeconds.gauge(certificate: name).record(seconds)
        }
        recordVolumeState(now: now)
        return PlainHTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: registry.emitToBuffer())
    }

    /// The live certificate and the ledger as they are on the volume now, whichever replica put them there:
    /// what the alerts need to be true for every replica.
    private func recordVolumeState(now: Date) {
        let name = request.certName
        let installed = try? request.installed(on: layout)
        let usable = installed.map { request.usability(of: $0, now: now) == .usable } ?? false
        SidecertMetric.certificateUsable.gauge(certificate: name).record(usable ? 1 : 0)
        if let installed {
            SidecertMetric.certificateNotBefore.gauge(certificate: name).record(installed.notBefore.timeIntervalSince1970)
            SidecertMetric.certificateNotAfter.gauge(certificate: name).record(installed.notAfter.timeIntervalSince1970)
        }
        let ledger = (try? IssuanceLedger.load(layout: layout, name: name))?.ledger ?? IssuanceLedger()
        SidecertMetric.issuanceFailingSince.gauge(certificate: name).record(ledger.failuresSinceLastSuccess.first?.time.timeIntervalSince1970 ?? 0)
    }
}
