import Sidecert
import SidecertACME
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One certificate the daemon keeps, and what the renewal loop remembers of it between decisions.
struct CertificateState {
    var spec: CertificateSpec
    /// The CA's renewal windows (ARI), for ACME certificates.
    let renewalInformation: RenewalInformationSource?
    let expiryRisk: ExpiryRiskReporter
    /// This version's random draw in `0..<1`: deciding again (after a wake-up or an ARI refresh) keeps the
    /// renewal moment.
    var draw: (version: String?, unit: Double)?
    /// When this process's last attempt failed in a way the ledger may not record; nil after a success.
    var lastFailure: Date?
    /// Whether no attempt was made yet (a configuration error then stops a single-certificate daemon).
    var isFirstAttempt = true
    /// The last "next check" line logged, so deciding again does not repeat it.
    var lastAnnounced: String?
    /// When to decide again; nil: at the next turn of the loop.
    var decideAt: Date?

    var name: String { spec.request.certName }

    init(spec: CertificateSpec, settings: DaemonSettings) {
        self.spec = spec
        if case .acme(let acme) = spec.issuer {
            renewalInformation = RenewalInformationSource(
                session: settings.sessions.session(for: acme, layout: settings.layout), logger: settings.logger)
        } else {
            renewalInformation = nil
        }
        expiryRisk = ExpiryRiskReporter(certName: spec.request.certName, logger: settings.logger)
    }

    /// This version's random unit, drawn once per version.
    mutating func randomUnit(for version: String?) -> Double {
        if let draw, draw.version == version { return draw.unit }
        let unit = Double.random(in: 0..<1)
        draw = (version, unit)
        return unit
    }
}
