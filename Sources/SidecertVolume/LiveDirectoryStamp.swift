/// What tells a follower, in two metadata operations, whether anything in `live/` may have changed: the
/// publish marker's content (re-read on open, so fresh on NFS too) and `live/`'s modification time (which a
/// link removed by hand also changes). Equal stamps: no need to `readlink` every certificate.
package struct LiveDirectoryStamp: Equatable, Sendable {
    let marker: [UInt8]?
    let directory: FileStamp?

    /// The stamp of `layout`'s `live/` now.
    package init(layout: VolumeLayout) {
        marker = try? AtomicFile.readIfPresent(layout.publishMarker, limit: 4_096)
        directory = FileStamp(path: layout.liveDirectory)
    }
}
