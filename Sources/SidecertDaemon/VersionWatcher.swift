import Logging
import SidecertReload
import SidecertVolume

/// Follows `live/<name>` by reading the link every `interval` (a `readlink`, so it works on NFS, where
/// inotify does not) and reloads this replica's frontend whenever the version changes — whether this
/// replica published it or another one did.
///
/// The first version seen is reloaded too: a sidecar that restarted cannot know what its frontend loaded.
struct VersionWatcher: Sendable {
    let layout: VolumeLayout
    let name: String
    let interval: Duration
    let reloader: DebouncedReloader?
    /// Woken when the version changes, so the renewal schedule is computed for the new certificate.
    let onNewVersion: @Sendable (String) async -> Void
    let logger: Logger
    /// Cuts the wait short (after this replica published, or on SIGHUP).
    let pokes = WakeUpCall()

    /// Polls until the task is cancelled.
    func run() async {
        let publisher = CertificatePublisher(layout: layout, logger: logger)
        var seen: String?
        while !Task.isCancelled {
            do {
                if let version = try publisher.currentVersion(name: name), version != seen {
                    if let seen {
                        logger.info(
                            "a new certificate version is live", metadata: ["cert": "\(name)", "version": "\(version)", "previous": "\(seen)"])
                    }
                    seen = version
                    await onNewVersion(version)
                    await reloader?.request(ReloadedCertificate(name: name, liveDirectory: try layout.live(name), version: version))
                }
            } catch {
                logger.warning("cannot read the live version", metadata: ["cert": "\(name)", "error": "\(error)"])
            }
            await pokes.sleep(for: interval)
        }
    }
}
