import CoreMetrics
import Logging
import Sidecert
import SidecertMetrics
import SidecertVolume
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Says loudly, once per certificate, when the guards would hold the next order back until after the live
/// certificate expires: an error in the log, the `expiry-at-risk` notify event, and the
/// `sidecert_certificate_expiry_at_risk` gauge (1 while it lasts, for an alert).
final class ExpiryRiskReporter: Sendable {
    private let certName: String
    private let logger: Logger
    private let gauge: Gauge
    /// The serial of the certificate last reported, so that deciding again does not repeat the alarm.
    private let reported = Mutex<String?>(nil)

    init(certName: String, logger: Logger) {
        self.certName = certName
        self.logger = logger
        self.gauge = SidecertMetric.expiryAtRisk.gauge(certificate: certName)
    }

    func report(_ decision: IssuanceGateDecision, certificate: InstalledCertificate?, notifier: Notifier) async {
        let reason: String
        switch decision {
        case .lastChance(let why), .refuse(_, let why, true): reason = why
        case .proceed, .refuse:
            gauge.record(0)
            return
        }
        gauge.record(1)
        let serial = certificate?.serialHex ?? ""
        let isNew = reported.withLock { last in
            defer { last = serial }
            return last != serial
        }
        guard isNew else { return }
        logger.error("the certificate may expire before it is renewed", metadata: ["cert": "\(certName)", "why": "\(reason)"])
        var details: [String: String] = [:]
        if let certificate {
            details["SIDECERT_SERIAL"] = certificate.serialHex
            details["SIDECERT_NOT_AFTER"] = certificate.notAfter.formatted(.iso8601)
        }
        await notifier.notify(.expiryAtRisk, message: reason, details: details)
    }
}
