#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension VolumeLayout {
    /// Every certificate name the volume knows of — published in `live/`, or only remembered by the ledger
    /// or a lease (a name whose first issuance failed) — sorted, for `status`. Directory scans: never on
    /// the `ensure` fast path.
    package func certificateNames() throws -> [String] {
        var names = Set(try entries(of: liveDirectory))
        names.formUnion(try entries(of: ledgerDirectory).compactMap { $0.hasSuffix(".json") ? String($0.dropLast(5)) : nil })
        names.formUnion(
            try entries(of: leasesDirectory).compactMap { $0.hasSuffix(Self.leaseSuffix) ? String($0.dropLast(Self.leaseSuffix.count)) : nil })
        return names.filter { (try? Self.validated($0)) != nil && !Self.reservedNames.contains($0) }.sorted()
    }

    private func entries(of directory: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return []
        }
    }
}
