import Logging
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `import`: seed the volume with certificates and keys that already exist (an operator's files, or the
/// store certbot, lego or Traefik left behind), checked first, so that nothing is ever issued for them.
///
/// Every certificate of the source is read and checked before the first is written: bad or partial
/// input changes nothing. Each one is then published like an issued one (lease, new version, atomic swap);
/// an operator's pairs (an ECDSA and an RSA certificate for the same names) in one version.
package struct ImportOperation: Sendable {
    package var layout: VolumeLayout
    package var source: ImportSource
    package var wait: Duration
    package var logger: Logger

    package init(layout: VolumeLayout, source: ImportSource, wait: Duration, logger: Logger) {
        self.layout = layout
        self.source = source
        self.wait = wait
        self.logger = logger
    }

    package func run() async throws(SidecertError) -> ImportReport {
        let now = Date()
        let candidates = try source.candidates()
        guard !candidates.isEmpty else {
            throw .badInput("\(source) holds no certificates", hint: "check that this is the directory or file the tool keeps its certificates in")
        }
        let checked = try candidates.map { candidate throws(SidecertError) in try CheckedImport(candidate, now: now) }
        var report = ImportReport(source: source.description, liveDirectory: layout.liveDirectory)
        let chosen = try choose(from: checked, report: &report)
        for (index, entry) in chosen.enumerated() {
            do {
                let installed = try await publish(entry)
                report.imported.append(
                    ImportReport.Imported(
                        origin: entry.origin, certName: entry.certName, names: installed.names.sorted(), serialHex: installed.serialHex,
                        notAfter: installed.notAfter,
                        credentials: installed.credentials.map { ImportReport.Credential(keyType: $0.keyType.rawValue, serialHex: $0.serialHex) }))
            } catch var error {
                if index > 0 {
                    error.message += " (already imported: \(chosen[..<index].map(\.certName).joined(separator: ", ")))"
                }
                throw error
            }
        }
        return report
    }

    /// The certificates to publish; the rest go to the report as skipped. Throws when nothing usable
    /// remains, or when the one certificate an operator named cannot be served now.
    private func choose(from checked: [CheckedImport], report: inout ImportReport) throws(SidecertError) -> [CheckedImport] {
        var current: [CheckedImport] = []
        for entry in checked {
            guard let problem = entry.validityProblem else {
                current.append(entry)
                continue
            }
            if source.namesOneCertificate {
                throw .badInput("\(entry.certificateLabel) is not usable: \(problem)", hint: "import a current certificate and its key")
            }
            report.skipped.append(ImportReport.Skipped(origin: entry.origin, certName: entry.certName, reason: problem))
        }
        var chosen: [CheckedImport] = []
        var alreadyThere = 0
        for (index, entry) in current.enumerated() {
            // Two certificates of the source for one name (two Traefik resolvers): the later-expiring one wins.
            let sameName = current.indices.filter { current[$0].certName == entry.certName }
            let winner = sameName.max { current[$0].installed.notAfter < current[$1].installed.notAfter } ?? index
            if winner != index {
                report.skipped.append(
                    ImportReport.Skipped(
                        origin: entry.origin, certName: entry.certName,
                        reason: "\(current[winner].origin) has a certificate for the same name, valid until "
                            + current[winner].installed.notAfter.formatted(.iso8601)))
            } else if let live = try? InstalledCertificate.load(
                layout: layout, name: entry.certName, otherKeyTypes: entry.installed.others.map(\.keyType)),
                live.credentials.map(\.serialHex) == entry.installed.credentials.map(\.serialHex)
            {
                // Every certificate of the version must be there already: an ECDSA one alone does not make a pair.
                alreadyThere += 1
                let serials = live.credentials.map(\.serialHex).joined(separator: ", ")
                report.skipped.append(
                    ImportReport.Skipped(
                        origin: entry.origin, certName: entry.certName, reason: "already on the volume (serial \(serials))"))
            } else {
                chosen.append(entry)
            }
        }
        guard !chosen.isEmpty || alreadyThere > 0 else {
            throw .badInput(
                "\(source) holds no certificate that can be served now: "
                    + report.skipped.map { "\($0.origin): \($0.reason)" }.joined(separator: "; "),
                hint: "renew them with the old tool first, or let `sidecert ensure` issue new ones")
        }
        return chosen
    }

    /// Publishes one checked certificate under the volume's lease for its name.
    private func publish(_ entry: CheckedImport) async throws(SidecertError) -> InstalledCertificate {
        do {
            let outcome = try await LeaseFile.withLease(
                layout: layout,
                name: entry.certName,
                duration: .seconds(30),
                maximumWait: wait,
                holder: LeaseHolder.thisProcess(),
                logger: logger,
                isNoLongerNeeded: { false },
                body: { lease in
                    try CertificatePublisher(layout: layout, logger: logger).publish(name: entry.certName, files: entry.files) {
                        try lease.checkStillHeld()
                    }
                }
            )
            guard case .ran = outcome,
                let installed = try InstalledCertificate.load(
                    layout: layout, name: entry.certName, otherKeyTypes: entry.installed.others.map(\.keyType))
            else {
                throw SidecertError.failure("the imported certificate did not appear in \(layout.liveDirectory)/\(entry.certName)")
            }
            logger.info("imported", metadata: ["cert": "\(entry.certName)", "serial": "\(installed.serialHex)", "from": "\(entry.origin)"])
            return installed
        } catch let error as SidecertError {
            throw error
        } catch {
            throw .failure("importing \(entry.origin) into \(layout.root) failed: \(error)")
        }
    }
}
