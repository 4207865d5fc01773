#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension LeaseFile {
    /// The record in `leases/<name>.lease`, for `status`: nil when there is no lease file, it cannot be
    /// read, or its content is not a record.
    package static func inspect(layout: VolumeLayout, name: String) -> LeaseRecord? {
        (try? read(try layout.lease(name)))??.record
    }

    /// Files in `leases/` that are not leases and are older than `minimumAge` (younger ones may belong to
    /// a write in progress). Empty when there is no `leases/` yet.
    package static func strayFiles(layout: VolumeLayout, now: Date = Date(), minimumAge: TimeInterval = 60) throws -> [StrayLeaseFile] {
        let directory = layout.leasesDirectory
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return []
        }
        return names.sorted().compactMap { name in
            guard let explanation = explanation(forEntry: name) else { return nil }
            let attributes = try? FileManager.default.attributesOfItem(atPath: "\(directory)/\(name)")
            let modifiedAt = attributes?[.modificationDate] as? Date
            if let modifiedAt, now.timeIntervalSince(modifiedAt) < minimumAge { return nil }
            return StrayLeaseFile(name: name, modifiedAt: modifiedAt, explanation: explanation)
        }
    }

    /// What a `leases/` entry is, or nil for a proper lease file.
    private static func explanation(forEntry entry: String) -> String? {
        let suffix = VolumeLayout.leaseSuffix
        if entry.hasSuffix(suffix), (try? VolumeLayout.validated(String(entry.dropLast(suffix.count)))) != nil {
            return nil
        }
        if entry.hasSuffix("\(suffix).takeover") {
            return "a takeover lock left by a replica that crashed while taking over a lease; it is broken automatically after one lease period"
        }
        if entry.hasPrefix("."), entry.contains(".tmp-") {
            return "a temporary file left by an interrupted write; safe to delete"
        }
        if entry.contains(".stale-") {
            return "a file moved aside while breaking a stale lock; safe to delete"
        }
        return "not a Sidecert file; remove it from the volume's leases directory"
    }
}
