import Logging
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Publishes a ``PlaceholderCertificate`` when `live/<name>` holds nothing a frontend could load, so that
/// the frontend can start before the first real certificate exists.
///
/// Runs under the same lease as issuance: a placeholder can never be swapped in over a real certificate
/// another replica has just published.
package struct PlaceholderBootstrap: Sendable {
    package var layout: VolumeLayout
    package var request: CertificateRequest
    package var leaseDuration: Duration
    package var logger: Logger

    package init(layout: VolumeLayout, request: CertificateRequest, leaseDuration: Duration, logger: Logger) {
        self.layout = layout
        self.request = request
        self.leaseDuration = leaseDuration
        self.logger = logger
    }

    /// Publishes the placeholder if it is needed.
    ///
    /// - Returns: whether this replica published one.
    package func run() async throws(SidecertError) -> Bool {
        guard needsPlaceholder() else { return false }
        do {
            let outcome = try await LeaseFile.withLease(
                layout: layout,
                name: request.certName,
                duration: leaseDuration,
                maximumWait: leaseDuration * 2,
                logger: logger,
                isNoLongerNeeded: { !self.needsPlaceholder() }
            ) { lease in
                guard needsPlaceholder() else { return false }
                let files = try PlaceholderCertificate.make(names: request.names)
                let version = try CertificatePublisher(layout: layout, logger: logger).publish(name: request.certName, files: files) {
                    try lease.checkStillHeld()
                }
                logger.notice(
                    "published a self-signed placeholder so the frontend can start; it is replaced as soon as the real certificate arrives",
                    metadata: ["cert": "\(request.certName)", "version": "\(version)"])
                return true
            }
            if case .ran(let published) = outcome { return published }
            return false
        } catch {
            throw .failure(
                "could not publish a placeholder for '\(request.certName)': \(error)",
                hint: "check that \(layout.root) is writable by this user; the frontend cannot start on an empty live/\(request.certName)")
        }
    }

    /// True when `live/<name>` has no loadable certificate at all (missing or damaged); a placeholder or
    /// an expired certificate still lets the frontend start.
    private func needsPlaceholder() -> Bool {
        (try? InstalledCertificate.load(layout: layout, name: request.certName)) == nil
    }
}
