import Logging
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension EnsureOperation {
    /// The newest archived version that serves this request as it stands, other than `liveVersion` (the one
    /// `live/` points to, already judged): what durable storage holds before anything is ordered. Never a
    /// placeholder.
    func usableArchivedVersion(besides liveVersion: String?) -> InstalledCertificate? {
        guard let versions = try? layout.archivedVersions(of: request.certName) else { return nil }
        for version in versions where version != liveVersion {
            guard
                let archived = try? InstalledCertificate.loadArchived(
                    layout: layout, name: request.certName, version: version, otherKeyTypes: Array(request.keyTypes.dropFirst())),
                request.usability(of: archived, now: now()) == .usable
            else { continue }
            return archived
        }
        return nil
    }

    /// Makes `archived` live again under `lease`, and records it in the ledger.
    func restore(_ archived: InstalledCertificate, because why: String, lease: HeldLease) throws {
        guard let version = archived.version else { return }
        try CertificatePublisher(layout: layout, logger: logger).restore(name: request.certName, version: version) {
            try lease.checkStillHeld()
        }
        logger.notice(
            "restored the certificate from the archive; nothing was ordered",
            metadata: [
                "cert": "\(request.certName)", "version": "\(version)", "serial": "\(archived.serialHex)",
                "notAfter": "\(archived.notAfter.formatted(.iso8601))", "why": "\(why)",
            ])
        var ledger = (try? IssuanceLedger.load(layout: layout, name: request.certName).0) ?? IssuanceLedger()
        ledger.recordRestoration(version: version, why: why, now: now())
        try ledger.save(layout: layout, name: request.certName, now: now())
    }
}
