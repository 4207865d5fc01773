import Foundation

/// What a folder holds at one moment, recursively, without following symbolic links: every entry's
/// relative path, kind, size, permission bits, symlink target and (optionally) modification time.
/// Two snapshots are equal when nothing was created, removed, renamed, resized, re-permissioned,
/// re-pointed or (with modification times) rewritten in between, so tests can assert "nothing was
/// written" with `==` and explain a failure with `difference(from:)`.
package struct VolumeSnapshot: Sendable, Equatable, CustomStringConvertible {
    /// One file, folder or link.
    package struct Entry: Sendable, Equatable, CustomStringConvertible {
        /// What kind of entry it is.
        package enum Kind: String, Sendable, Equatable {
            case file
            case directory
            case symlink
            case other
        }

        /// Relative to the snapshot's root, `/`-separated, e.g. `live/a.example.com`.
        package var path: String
        package var kind: Kind
        /// Bytes (for a link: the length of its target).
        package var size: Int64
        /// Permission bits, e.g. `0o600`.
        package var mode: UInt32
        /// Where a symbolic link points, as written (Sidecert writes relative targets).
        package var symlinkTarget: String?
        /// Nanoseconds since 1970, when the snapshot includes them.
        package var modificationTime: Int64?

        package var description: String {
            var text = "\(path) \(kind.rawValue) \(String(mode, radix: 8)) \(size)B"
            if let symlinkTarget {
                text += " -> \(symlinkTarget)"
            }
            if let modificationTime {
                text += " mtime \(modificationTime)"
            }
            return text
        }
    }

    /// Every entry under the root, and the root itself as `.` (its modification time changes when
    /// anything is created or removed in it, even briefly), sorted by path.
    package var entries: [Entry]

    /// Snapshots `root`; an absent root gives an empty snapshot (nothing there, nothing written).
    package init(of root: String, includingModificationTimes: Bool = true) throws {
        var entries: [Entry] = []
        if FileManager.default.fileExists(atPath: root) {
            if let rootEntry = Self.entry(at: root, relativePath: ".", modificationTimes: includingModificationTimes) {
                entries.append(rootEntry)
            }
            try Self.collect(root: root, relative: "", into: &entries, modificationTimes: includingModificationTimes)
        }
        self.entries = entries.sorted { $0.path < $1.path }
    }

    /// The relative paths, sorted.
    package var paths: [String] {
        entries.map(\.path)
    }

    /// The entry at `path`, if any.
    package subscript(path: String) -> Entry? {
        entries.first { $0.path == path }
    }

    package var description: String {
        entries.isEmpty ? "(empty)" : entries.map(\.description).joined(separator: "\n")
    }

    /// What changed since `earlier`, one line per entry (`+` added, `-` removed, `~` changed); empty
    /// when the snapshots are equal.
    package func difference(from earlier: VolumeSnapshot) -> String {
        let before = Dictionary(uniqueKeysWithValues: earlier.entries.map { ($0.path, $0) })
        let after = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0) })
        var lines: [String] = []
        for path in Set(before.keys).union(after.keys).sorted() {
            switch (before[path], after[path]) {
            case (nil, let added?): lines.append("+ \(added)")
            case (let removed?, nil): lines.append("- \(removed)")
            case (let old?, let new?) where old != new: lines.append("~ \(old)  =>  \(new)")
            default: break
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func collect(root: String, relative: String, into entries: inout [Entry], modificationTimes: Bool)
        throws
    {
        let folder = relative.isEmpty ? root : root + "/" + relative
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            guard
                let entry = Self.entry(
                    at: root + "/" + relativePath,
                    relativePath: relativePath,
                    modificationTimes: modificationTimes
                )
            else {
                continue  // removed while we looked (a racing writer)
            }
            entries.append(entry)
            if entry.kind == .directory {
                try collect(root: root, relative: relativePath, into: &entries, modificationTimes: modificationTimes)
            }
        }
    }

    private static func entry(at fullPath: String, relativePath: String, modificationTimes: Bool) -> Entry? {
        guard let status = FileStatus(path: fullPath) else { return nil }
        let kind: Entry.Kind
        switch status.kind {
        case .file: kind = .file
        case .directory: kind = .directory
        case .symlink: kind = .symlink
        case .other: kind = .other
        }
        return Entry(
            path: relativePath,
            kind: kind,
            size: status.size,
            mode: status.mode,
            symlinkTarget: kind == .symlink ? try? FileManager.default.destinationOfSymbolicLink(atPath: fullPath) : nil,
            modificationTime: modificationTimes ? status.modificationTime : nil
        )
    }
}
