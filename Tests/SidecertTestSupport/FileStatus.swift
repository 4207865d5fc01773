import Foundation

/// What `lstat` says of one path, for ``VolumeSnapshot``, read through FileManager: in this test module
/// `struct stat` is also reachable through CoreFoundation, and a clean build then refuses its members
/// under member-import visibility.
package struct FileStatus {
    package enum Kind {
        case file
        case directory
        case symlink
        case other
    }

    package var kind: Kind
    package var size: Int64
    /// Permission bits only.
    package var mode: UInt32
    /// Nanoseconds since the epoch.
    package var modificationTime: Int64

    /// nil when the path does not exist (or cannot be examined). Links are not followed.
    package init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        switch attributes[.type] as? FileAttributeType {
        case .typeRegular?: kind = .file
        case .typeDirectory?: kind = .directory
        case .typeSymbolicLink?: kind = .symlink
        default: kind = .other
        }
        size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        mode = UInt32((attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0) & 0o7777
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        modificationTime = Int64((modified * 1_000_000_000).rounded())
    }
}
