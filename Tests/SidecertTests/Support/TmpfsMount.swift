import Foundation
import SidecertTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A small tmpfs mounted for one test: a volume that fills up, or turns read-only, for real. Needs root
/// (scripts/test and CI run as root); unmounted by `unmount()` or when the last reference goes.
final class TmpfsMount: Sendable {
    /// The mount point (sidecert's `--storage`).
    let path: String
    /// The filesystem's page: the unit a tmpfs hands out, so "k pages left" is exact.
    static let pageSize = 4096

    init(size: Int) async throws {
        path = try TemporaryDirectory.make(prefix: "sidecert-tmpfs")
        try await ChildProcess.check(try ExecutableLookup.require("mount"), ["-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", path])
    }

    deinit {
        _ = umount2(path, Int32(MNT_DETACH))
        TemporaryDirectory.remove(path)
    }

    /// Fills the filesystem with one-page files until it refuses one, then frees `pages` of them.
    func fill(leavingPages pages: Int) throws {
        freeAll()
        let page = Data(count: Self.pageSize)
        var count = 0
        while FileManager.default.createFile(atPath: "\(path)/.fill-\(count)", contents: page) {
            count += 1
        }
        try? FileManager.default.removeItem(atPath: "\(path)/.fill-\(count)")
        for index in stride(from: count - 1, to: max(count - 1 - pages, -1), by: -1) {
            try FileManager.default.removeItem(atPath: "\(path)/.fill-\(index)")
        }
    }

    /// Removes every filler file: the space is back.
    func freeAll() {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for entry in entries where entry.hasPrefix(".fill-") {
            try? FileManager.default.removeItem(atPath: "\(path)/\(entry)")
        }
    }

    /// `mount -o remount,ro` (or back to `rw`).
    func remount(readOnly: Bool) async throws {
        try await ChildProcess.check(try ExecutableLookup.require("mount"), ["-o", "remount,\(readOnly ? "ro" : "rw")", path])
    }
}

extension Trait where Self == ConditionTrait {
    /// Skips the test (with a message) where this process may not mount a tmpfs, unless peers are required
    /// (scripts/test and CI run as root).
    static var requiresRoot: Self {
        .enabled(
            if: RealPeers.areRequired || getuid() == 0, "mounting a tmpfs and changing users need root: run the tests as root (scripts/test does)")
    }
}
