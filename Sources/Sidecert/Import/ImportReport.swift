import Foundation

/// What `import` did with each certificate of its source: imported, or skipped and why. Printed on
/// standard output (`text()`), so a migration leaves a record of what moved.
public struct ImportReport: Sendable {
    /// A certificate now live on the volume.
    public struct Imported: Sendable {
        /// Where in the source it came from (`live/a.example`, `resolver 'le': a.example`).
        public var origin: String
        /// Its directory under `live/`.
        public var certName: String
        /// The names on it, sorted: what `ensure --domain` asks for to use it.
        public var names: [String]
        public var serialHex: String
        public var notAfter: Date
    }

    /// A certificate of the source left out, with the reason.
    public struct Skipped: Sendable {
        public var origin: String
        public var certName: String
        /// Why: expired, not yet valid, already on the volume, superseded within the source.
        public var reason: String
    }

    /// The source, as the command line named it.
    public var source: String
    /// The volume's `live/` directory.
    public var liveDirectory: String
    public var imported: [Imported] = []
    public var skipped: [Skipped] = []

    /// For people: one line per certificate, then a count.
    public func text() -> String {
        var lines = imported.map {
            "imported \($0.names.joined(separator: ", ")) into \(liveDirectory)/\($0.certName): serial \($0.serialHex), "
                + "valid until \($0.notAfter.formatted(.iso8601)) (from \($0.origin))"
        }
        lines += skipped.map { "skipped \($0.origin) (\($0.certName)): \($0.reason)" }
        lines.append("\(imported.count) imported, \(skipped.count) skipped from \(source)")
        return lines.joined(separator: "\n") + "\n"
    }
}
