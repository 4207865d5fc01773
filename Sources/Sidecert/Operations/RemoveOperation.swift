import Logging
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `remove NAME`: stop keeping a certificate name on the volume, so that `status --check` (the image's health
/// check) no longer counts a name that was tried once and abandoned.
///
/// Removes the live link, the ledger and the lease; the archive stays unless asked (a later `ensure` for the
/// same names then restores it instead of ordering). Refused while the lease record shows a holder: a replica
/// is issuing that name, and would publish it again.
package struct RemoveOperation: Sendable {
    package var layout: VolumeLayout
    package var name: String
    /// Delete `archive/<name>` too (`--delete-archive`): its certificates and keys are gone for good.
    package var deleteArchive: Bool
    package var leaseDuration: Duration
    package var logger: Logger
    package var now: @Sendable () -> Date = { Date() }

    package init(layout: VolumeLayout, name: String, deleteArchive: Bool, leaseDuration: Duration, logger: Logger) {
        self.layout = layout
        self.name = name
        self.deleteArchive = deleteArchive
        self.leaseDuration = leaseDuration
        self.logger = logger
    }

    /// Removes what the volume keeps for ``name``; returns what was removed, one line each.
    package func run() async throws(SidecertError) -> [String] {
        let paths: (live: String, ledger: String, lease: String, archive: String)
        do {
            try VolumeLayout.validateCertName(name)
            paths = (try layout.live(name), try layout.ledger(name), try layout.lease(name), try layout.archive(name))
        } catch {
            throw .badInput("'\(name)' cannot be a certificate name: \(error)", hint: "`sidecert status` lists the names on the volume")
        }
        let kept = [paths.live, paths.ledger, paths.lease].filter(Self.exists) + (deleteArchive && Self.exists(paths.archive) ? [paths.archive] : [])
        guard !kept.isEmpty else {
            throw .badInput("nothing is kept under '\(name)' on \(layout.root)", hint: "`sidecert status` lists the names on the volume")
        }
        if let record = LeaseFile.inspect(layout: layout, name: name), record.releasedAt == nil, record.expiresAt > now() {
            throw .tryLater(
                "'\(name)' is being issued: \(record.holder) holds its lease until \(record.expiresAt.formatted(.iso8601)); nothing was removed",
                hint: "stop the `sidecert run` replicas that keep '\(name)' (or take it out of their --domain or certificates file), then remove it")
        }
        do {
            // Under the lease, so that no replica starts an order for the name while its files go.
            _ = try await LeaseFile.withLease(
                layout: layout, name: name, duration: leaseDuration, maximumWait: .seconds(5), logger: logger, isNoLongerNeeded: { false }
            ) { _ in
                for path in [paths.live, paths.ledger] + (deleteArchive ? [paths.archive] : []) where Self.exists(path) {
                    try FileManager.default.removeItem(atPath: path)
                }
            }
            // The released record the lease leaves behind goes last: nothing is kept under the name any more.
            if Self.exists(paths.lease) { try FileManager.default.removeItem(atPath: paths.lease) }
        } catch let error as VolumeError where error.code == .leaseWaitTimedOut {
            throw .tryLater("'\(name)' is being issued by another replica; nothing was removed: \(error)", hint: "try again in a minute")
        } catch {
            throw .failure("removing '\(name)' from \(layout.root) failed: \(error)", hint: "check that \(layout.root) is writable by this user")
        }
        let archiveNote =
            deleteArchive ? [] : Self.exists(paths.archive) ? ["kept \(paths.archive) (pass --delete-archive to delete it)"] : []
        logger.info("removed", metadata: ["cert": "\(name)", "archive": "\(deleteArchive ? "deleted" : "kept")"])
        return kept.map { "removed \($0)" } + archiveNote
    }

    /// Whether anything (a dangling link included) is at `path`.
    private static func exists(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)) != nil
    }
}
