#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What `import` did with each certificate of its source: imported, or skipped and why. Printed on
/// standard output (`text()`), so a migration leaves a record of what moved.
package struct ImportReport: Sendable {
    /// A certificate now live on the volume.
    package struct Imported: Sendable {
        /// Where in the source it came from (`live/a.example`, `resolver 'le': a.example`).
        package var origin: String
        /// Its directory under `live/`.
        package var certName: String
        /// The names on it, sorted: what `ensure --domain` asks for to use it.
        package var names: [String]
        /// The main certificate's serial.
        package var serialHex: String
        /// When the first of its certificates expires.
        package var notAfter: Date
        /// Every certificate of the version, the main one first: one per key type.
        package var credentials: [Credential]
    }

    /// One certificate of an imported version.
    package struct Credential: Sendable {
        package var keyType: String
        package var serialHex: String
    }

    /// A certificate of the source left out, with the reason.
    package struct Skipped: Sendable {
        package var origin: String
        package var certName: String
        /// Why: expired, not yet valid, already on the volume, superseded within the source.
        package var reason: String
    }

    /// The source, as the command line named it.
    package var source: String
    /// The volume's `live/` directory.
    package var liveDirectory: String
    package var imported: [Imported] = []
    package var skipped: [Skipped] = []

    /// For people: one line per certificate, then a count.
    package func text() -> String {
        var lines = imported.map { imported in
            let serials =
                imported.credentials.count > 1
                ? "serials " + imported.credentials.map { "\($0.serialHex) (\($0.keyType))" }.joined(separator: ", ")
                : "serial \(imported.serialHex)"
            return "imported \(imported.names.joined(separator: ", ")) into \(liveDirectory)/\(imported.certName): \(serials), "
                + "valid until \(imported.notAfter.formatted(.iso8601)) (from \(imported.origin))"
        }
        lines += skipped.map { "skipped \($0.origin) (\($0.certName)): \($0.reason)" }
        lines.append("\(imported.count) imported, \(skipped.count) skipped from \(source)")
        return lines.joined(separator: "\n") + "\n"
    }
}
