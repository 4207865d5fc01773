import Logging
import SidecertReload
import SidecertVolume

/// Follows `live/<name>` of each certificate by reading its link every `interval` (a `readlink`, so it
/// works on NFS, where inotify does not) and reloads this replica's frontend whenever versions change —
/// whether this replica published them or another one did.
///
/// The versions that changed in one tick are one request to the reloader, so certificates renewed
/// together are reloaded together. The first version seen of each is reloaded too: a sidecar that
/// restarted cannot know what its frontend loaded.
struct VersionWatcher: Sendable {
    let layout: VolumeLayout
    /// The certificates followed.
    let names: [String]
    let interval: Duration
    let reloader: DebouncedReloader?
    /// Told the versions that changed in a tick, so the renewal schedule is computed for them.
    let onNewVersions: @Sendable ([ReloadedCertificate]) async -> Void
    let logger: Logger
    /// Cuts the wait short (after this replica published, or on SIGHUP).
    let pokes: WakeUpCall

    init(
        layout: VolumeLayout, names: [String], interval: Duration, reloader: DebouncedReloader?,
        onNewVersions: @escaping @Sendable ([ReloadedCertificate]) async -> Void, logger: Logger, pokes: WakeUpCall = WakeUpCall()
    ) {
        self.layout = layout
        self.names = names
        self.interval = interval
        self.reloader = reloader
        self.onNewVersions = onNewVersions
        self.logger = logger
        self.pokes = pokes
    }

    /// Polls until the task is cancelled.
    func run() async {
        let publisher = CertificatePublisher(layout: layout, logger: logger)
        var seen: [String: String] = [:]
        while !Task.isCancelled {
            var changed: [ReloadedCertificate] = []
            for name in names {
                do {
                    guard let version = try publisher.currentVersion(name: name), version != seen[name] else { continue }
                    if let previous = seen[name] {
                        logger.info(
                            "a new certificate version is live", metadata: ["cert": "\(name)", "version": "\(version)", "previous": "\(previous)"])
                    }
                    seen[name] = version
                    changed.append(ReloadedCertificate(name: name, liveDirectory: try layout.live(name), version: version))
                } catch {
                    logger.warning("cannot read the live version", metadata: ["cert": "\(name)", "error": "\(error)"])
                }
            }
            if !changed.isEmpty {
                await onNewVersions(changed)
                await reloader?.request(changed)
            }
            await pokes.sleep(for: interval)
        }
    }
}
