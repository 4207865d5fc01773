import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Publishes a certificate so that every reader sees either the old set of files or the new one.
///
/// The files go into a fresh `archive/<name>/<version>/` directory, are made durable, and then
/// `live/<name>` — a relative symlink — is swapped to it with one `rename`, the way Kubernetes updates
/// secret volumes. A fencing callback runs just before the swap so that a holder that lost its lease
/// never replaces a newer certificate.
package struct CertificatePublisher: Sendable {
    /// The volume.
    package let layout: VolumeLayout
    /// When set, `privkey.pem` and `bundle.pem` belong to this group with mode 0640 instead of 0600,
    /// so a frontend running as another user in that group can read them.
    package let privateKeyGroup: gid_t?
    /// How many versions to keep besides the live one, to roll back by hand.
    package let retainedVersions: Int
    let logger: Logger

    package init(layout: VolumeLayout, privateKeyGroup: gid_t? = nil, retainedVersions: Int = 3, logger: Logger) {
        self.layout = layout
        self.privateKeyGroup = privateKeyGroup
        self.retainedVersions = retainedVersions
        self.logger = logger
    }

    /// Writes `files` as a new version and makes it live: ``write(name:files:now:)``, then
    /// ``makeLive(_:fence:)``.
    ///
    /// - Parameters:
    ///   - now: the time the version is named after.
    ///   - fence: called after the files are durable and before the swap; the lease holder's
    ///     ``HeldLease/checkStillHeld()``. If it throws, the new version is removed, `live/<name>` is
    ///     untouched, and the error is rethrown.
    @discardableResult
    package func publish(
        name: String,
        files: CertificateFiles,
        now: Date = Date(),
        fence: () throws -> Void
    ) throws -> PublishedVersion {
        try makeLive(try write(name: name, files: files, now: now), fence: fence)
    }

    /// Writes `files` as a new version directory, durably; `live/<name>` is not touched yet. A version that is
    /// never made live is pruned with the old ones.
    package func write(name: String, files: CertificateFiles, now: Date = Date()) throws -> PublishedVersion {
        let version = PublishedVersion.makeVersion(at: now, issuerKind: files.metadata.issuerKind)
        let published = PublishedVersion(name: name, version: version, directory: try layout.archive(name, version: version))
        try writeVersion(files, to: published.directory)
        return published
    }

    /// Points `live/<name>` at a version written by ``write(name:files:now:)``, in one rename.
    ///
    /// - Parameter fence: called right before the swap; if it throws, the version is removed, `live/<name>`
    ///   is untouched, and the error is rethrown.
    @discardableResult
    package func makeLive(_ published: PublishedVersion, fence: () throws -> Void) throws -> PublishedVersion {
        do {
            try fence()
            try swapLive(name: published.name, to: published.version)
        } catch {
            try? FileManager.default.removeItem(atPath: published.directory)
            throw error
        }
        return try announce(published)
    }

    /// Points `live/<name>` back at a version already in the archive (`live/` was removed or broken by hand),
    /// in one rename; unlike ``makeLive(_:fence:)`` a failure leaves the archived version in place.
    @discardableResult
    package func restore(name: String, version: String, fence: () throws -> Void) throws -> PublishedVersion {
        let published = PublishedVersion(name: name, version: version, directory: try layout.archive(name, version: version))
        try fence()
        try swapLive(name: name, to: version)
        return try announce(published)
    }

    /// After a swap: makes it durable, tells the followers, prunes old versions.
    private func announce(_ published: PublishedVersion) throws -> PublishedVersion {
        try AtomicFile.syncDirectory(layout.liveDirectory)
        // Best effort: followers also look at live/ itself now and then, so a marker that could not be
        // written delays their reload, it never loses it.
        try? AtomicFile.write(Array("\(published.version)\n".utf8), to: layout.publishMarker, mode: 0o644)
        logger.info(
            "published a new certificate version",
            metadata: ["cert": "\(published.name)", "version": "\(published.version)"]
        )
        prune(name: published.name, liveVersion: published.version)
        return published
    }

    /// Throws when `live/<name>` could not be swapped to a new version: it is a plain directory (an operator's
    /// own files), not Sidecert's symlink. Checked before anything is ordered, so no certificate is issued that
    /// could not be published.
    package func checkPublishable(name: String) throws {
        let live = try layout.live(name)
        if case .notALink = try SymbolicLink(at: live) {
            throw Self.plainDirectoryError(live)
        }
    }

    static func plainDirectoryError(_ live: String) -> VolumeError {
        VolumeError(code: .corruptFile, path: live, message: "is a plain directory, not Sidecert's symlink; move it away (or import it) and retry")
    }

    /// The version `live/<name>` points to, from one `readlink`: cheap enough for followers to poll.
    ///
    /// Nil when there is no `live/<name>`, or when it is a plain directory rather than Sidecert's symlink.
    package func currentVersion(name: String) throws -> String? {
        guard case .target(let target) = try SymbolicLink(at: try layout.live(name)) else { return nil }
        return VolumePath.lastComponent(of: target)
    }

    private func writeVersion(_ files: CertificateFiles, to directory: String) throws {
        let parent = VolumePath.directory(of: directory)
        try AtomicFile.createDirectories(parent)
        guard mkdir(directory, 0o755) == 0 else { throw VolumeError.posix("creating the version directory", path: directory) }
        do {
            chmod(directory, 0o755)
            let secretMode: mode_t = privateKeyGroup == nil ? 0o600 : 0o640
            for entry in try files.entries() {
                let path = "\(directory)/\(entry.name)"
                let temporary = try AtomicFile.writeTemporary(
                    entry.bytes,
                    besides: path,
                    mode: entry.isSecret ? secretMode : 0o644,
                    group: entry.isSecret ? privateKeyGroup : nil
                )
                try AtomicFile.place(temporary, at: path)
            }
            try AtomicFile.syncDirectory(directory)
            try AtomicFile.syncDirectory(parent)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Points `live/<name>` at `version` atomically: a temporary symlink renamed over the old one.
    /// Throws only if `live/<name>` was left as it was.
    private func swapLive(name: String, to version: String) throws {
        let live = try layout.live(name)
        try AtomicFile.createDirectories(layout.liveDirectory)
        let temporary = "\(layout.liveDirectory)/\(Self.temporaryLinkPrefix(name))\(UniqueSuffix.make())"
        guard symlink(try layout.liveLinkTarget(name, version: version), temporary) == 0 else {
            throw VolumeError.posix("creating a symlink", path: temporary)
        }
        guard rename(temporary, live) == 0 else {
            let failure =
                errno == EISDIR
                ? Self.plainDirectoryError(live)
                : VolumeError.posix("renaming \(temporary) over it", path: live)
            unlink(temporary)
            throw failure
        }
    }

    /// Leftover temporary symlinks of a publish of `name` start with this in `live/`.
    static func temporaryLinkPrefix(_ name: String) -> String { ".\(name).tmp-" }
}
