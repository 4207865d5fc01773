import Foundation

extension VolumeLayout {
    /// The certificate names that have an entry in `live/`, sorted, for `status`. A directory scan: never
    /// on the `ensure` fast path.
    public func certificateNames() throws -> [String] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: liveDirectory)
        } catch CocoaError.fileReadNoSuchFile {
            return []
        }
        return entries.filter { (try? Self.validated($0)) != nil }.sorted()
    }
}
