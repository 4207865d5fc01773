import Foundation
import Synchronization

/// A shared volume for one test: an empty temporary folder, removed by `remove()` or when the last
/// reference goes (kept with `SIDECERT_TEST_KEEP_DIRS=1`).
///
/// ```swift
/// let volume = try TemporaryVolume()
/// defer { volume.remove() }
/// let before = try volume.snapshot()
/// // … run sidecert …
/// #expect(try volume.snapshot() == before, "\(try volume.snapshot().difference(from: before))")
/// ```
final class TemporaryVolume: Sendable {
    /// The folder (sidecert's `--storage`).
    let path: String

    private let removed = Mutex(false)

    /// Makes a new empty folder whose name starts with `prefix`.
    init(prefix: String = "sidecert-volume") throws {
        path = try TemporaryDirectory.make(prefix: prefix)
    }

    deinit {
        remove()
    }

    /// `path` + `/` + `relativePath`.
    func url(_ relativePath: String) -> URL {
        URL(fileURLWithPath: path).appendingPathComponent(relativePath)
    }

    /// `path` + `/` + `relativePath`, as a string (for command lines).
    func path(_ relativePath: String) -> String {
        path + "/" + relativePath
    }

    /// Everything under the volume now: see `VolumeSnapshot`.
    func snapshot(includingModificationTimes: Bool = true) throws -> VolumeSnapshot {
        try VolumeSnapshot(of: path, includingModificationTimes: includingModificationTimes)
    }

    /// Removes the folder and everything in it. Safe to call more than once.
    func remove() {
        let wasRemoved = removed.withLock { removed in
            defer { removed = true }
            return removed
        }
        guard !wasRemoved else { return }
        TemporaryDirectory.remove(path)
    }
}
