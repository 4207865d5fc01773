#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension InstalledCertificate {
    /// Loads `archive/<name>/<version>/` as if `live/<name>` pointed there: what restoring that version would
    /// serve.
    ///
    /// - Throws: ``VolumeError`` as ``load(layout:name:otherKeyTypes:)`` does, naming the archived files.
    package static func loadArchived(
        layout: VolumeLayout, name: String, version: String, otherKeyTypes: [CertificateKeyType] = []
    ) throws -> InstalledCertificate? {
        try load(
            name: name, live: try layout.archive(name, version: version), link: .target(try layout.liveLinkTarget(name, version: version)),
            layout: layout, otherKeyTypes: otherKeyTypes)
    }
}

extension VolumeLayout {
    /// The versions under `archive/<name>/`, newest first (version names sort by time). Sidecert's own names
    /// only: a stray file or a half-written temporary is not a version. A directory scan: not for the fast path.
    package func archivedVersions(of name: String) throws -> [String] {
        let archive = try archive(name)
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: archive)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return []
        }
        return entries.filter { PublishedVersion.issuerKind(ofVersion: $0) != nil }.sorted(by: >)
    }
}
