import Logging
import SidecertReload
import SidecertVolume
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Follows `live/<name>` of each certificate (a `readlink`, so it works on NFS, where inotify does not) and
/// reloads this replica's frontend whenever versions change — whether this replica published them or
/// another one did.
///
/// The versions that changed in one tick are one request to the reloader, so certificates renewed
/// together are reloaded together. The first version seen of each is reloaded too: a sidecar that
/// restarted cannot know what its frontend loaded. With many certificates a tick costs two metadata
/// operations while nothing changed (``LiveDirectoryStamp``), and every name is read only when the stamp
/// moved, or every ``fullScanEvery`` ticks in case a change left the stamp as it was.
struct VersionWatcher: Sendable {
    let layout: VolumeLayout
    let interval: Duration
    let reloader: DebouncedReloader?
    /// Told the certificates whose `live/` link changed in a tick (a new version, or gone), so the renewal
    /// loop decides again for them.
    let onChange: @Sendable ([String]) async -> Void
    let logger: Logger
    /// Cuts the wait short (after this replica published, or on SIGHUP).
    let pokes: WakeUpCall
    /// The certificates followed; the certificates file may change them.
    private let followed: FollowedNames

    /// Up to this many certificates, every tick reads every link: cheap, and a link deleted by hand is seen
    /// within one interval whatever the filesystem reports.
    static let alwaysScanUpTo = 64
    /// With more, every this many ticks reads every link whatever the stamp says (a version directory deleted
    /// by hand changes nothing in `live/`).
    static let fullScanEvery = 60
    /// What `seen` holds for a link whose version is gone, before the version: reported once, and a restored
    /// version counts as new.
    private static let brokenMark = "broken:"

    init(
        layout: VolumeLayout, names: [String], interval: Duration, reloader: DebouncedReloader?,
        onChange: @escaping @Sendable ([String]) async -> Void, logger: Logger, pokes: WakeUpCall = WakeUpCall()
    ) {
        self.layout = layout
        self.followed = FollowedNames(names)
        self.interval = interval
        self.reloader = reloader
        self.onChange = onChange
        self.logger = logger
        self.pokes = pokes
    }

    /// Follows `names` from the next tick on.
    func follow(_ names: [String]) {
        followed.set(names)
        pokes.ring()
    }

    /// Holds the ticks back while the caller publishes a batch (a turn of the renewal loop), so the frontend
    /// reloads once for all of it; ``resume()`` looks at once.
    func hold() {
        followed.setHeld(true)
    }

    /// Ends ``hold()``.
    func resume() {
        followed.setHeld(false)
        pokes.ring()
    }

    /// Polls until the task is cancelled.
    func run() async {
        let publisher = CertificatePublisher(layout: layout, logger: logger)
        var seen: [String: String] = [:]
        var lastStamp: LiveDirectoryStamp?
        var tick = 0
        while !Task.isCancelled {
            guard !followed.isHeld else {
                await pokes.sleep(for: interval)
                continue
            }
            let names = followed.names
            let stamp = LiveDirectoryStamp(layout: layout)
            let unseen = names.contains { seen[$0] == nil }
            let mustScan = names.count <= Self.alwaysScanUpTo || stamp != lastStamp || unseen || tick % Self.fullScanEvery == 0
            lastStamp = stamp
            tick += 1
            if mustScan {
                let (newVersions, gone) = scan(names, publisher: publisher, seen: &seen)
                if !newVersions.isEmpty || !gone.isEmpty {
                    await onChange(newVersions.map(\.name) + gone)
                }
                if !newVersions.isEmpty {
                    await reloader?.request(newVersions)
                }
            }
            await pokes.sleep(for: interval)
        }
    }

    /// The certificates whose live version differs from what was seen, and those whose `live/` link went
    /// away or points to a version that is gone (removed by hand, say); `seen` is updated.
    private func scan(_ names: [String], publisher: CertificatePublisher, seen: inout [String: String]) -> ([ReloadedCertificate], [String]) {
        var changed: [ReloadedCertificate] = []
        var gone: [String] = []
        for name in names {
            do {
                guard let version = try publisher.currentVersion(name: name) else {
                    if seen.removeValue(forKey: name) != nil {
                        logger.warning("the live certificate is gone", metadata: ["cert": "\(name)"])
                        gone.append(name)
                    }
                    continue
                }
                // A link to a version that is gone (deleted by hand) is as good as no link: one stat through it.
                guard access(try layout.live(name), F_OK) == 0 || errno != ENOENT else {
                    let broken = Self.brokenMark + version
                    if seen[name] != broken {
                        logger.warning(
                            "the live certificate points to a version that is gone", metadata: ["cert": "\(name)", "version": "\(version)"])
                        seen[name] = broken
                        gone.append(name)
                    }
                    continue
                }
                guard version != seen[name] else { continue }
                if let previous = seen[name], !previous.hasPrefix(Self.brokenMark) {
                    logger.info(
                        "a new certificate version is live", metadata: ["cert": "\(name)", "version": "\(version)", "previous": "\(previous)"])
                }
                seen[name] = version
                changed.append(ReloadedCertificate(name: name, liveDirectory: try layout.live(name), version: version))
            } catch {
                logger.warning("cannot read the live version", metadata: ["cert": "\(name)", "error": "\(error)"])
            }
        }
        return (changed, gone)
    }
}

/// The names a watcher follows, and whether it is held back, changed from another task.
private final class FollowedNames: Sendable {
    private let current: Mutex<(names: [String], held: Bool)>

    init(_ names: [String]) { current = Mutex((names, false)) }

    var names: [String] { current.withLock { $0.names } }
    var isHeld: Bool { current.withLock { $0.held } }

    func set(_ names: [String]) { current.withLock { $0.names = names } }
    func setHeld(_ held: Bool) { current.withLock { $0.held = held } }
}
