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
package final class TemporaryVolume: Sendable {
    /// The folder (sidecert's `--storage`).
    package let path: String

    private let removed = Mutex(false)

    /// Makes a new empty folder whose name starts with `prefix`.
    package init(prefix: String = "sidecert-volume") throws {
        path = try TemporaryDirectory.make(prefix: prefix)
    }

    deinit {
        remove()
    }

    /// `path` + `/` + `relativePath`.
    package func url(_ relativePath: String) -> URL {
        URL(fileURLWithPath: path).appendingPathComponent(relativePath)
    }

    /// `path` + `/` + `relativePath`, as a string (for command lines).
    package func path(_ relativePath: String) -> String {
        path + "/" + relativePath
    }

    /// Everything under the volume now: see `VolumeSnapshot`.
    package func snapshot(includingModificationTimes: Bool = true) throws -> VolumeSnapshot {
        try VolumeSnapshot(of: path, includingModificationTimes: includingModificationTimes)
    }

    /// Removes the folder and everything in it. Safe to call more than once.
    package func remove() {
        let wasRemoved = removed.withLock { removed in
            defer { removed = true }
            return removed
        }
        guard !wasRemoved else { return }
        TemporaryDirectory.remove(path)
    }
}
