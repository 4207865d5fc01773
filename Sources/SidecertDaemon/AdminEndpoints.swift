import CoreMetrics
import Foundation
import Prometheus
import Sidecert
import SidecertHTTPServer
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
        for (name, seconds) in schedule.secondsUntilRenewal(now: Date()) {
            Gauge(label: "sidecert_renewal_seconds", dimensions: [("cert", name)]).record(seconds)
        }
        return PlainHTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: registry.emitToBuffer())
    }
}
