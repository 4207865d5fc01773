#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One version of a certificate as published under `archive/<name>/<version>/`.
package struct PublishedVersion: Sendable, Hashable, CustomStringConvertible {
    /// The certificate name.
    package let name: String
    /// The version directory's name: `<UTC time, µs>-<random>-<issuer kind>`, sortable by time.
    package let version: String
    /// The version directory's path in this container.
    package let directory: String

    /// The version directory's name, which is what logs and messages show.
    package var description: String { version }

    /// A new, unique version name; the issuer kind at its end lets a loader spot placeholders with one
    /// `readlink`, without reading `meta.json`.
    static func makeVersion(at date: Date, issuerKind: VersionMetadata.IssuerKind) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let microseconds = Int((date.timeIntervalSince1970 - seconds) * 1_000_000)
        let utc = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: Date(timeIntervalSince1970: seconds))
        func digits(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let stamp =
            digits(utc.year, 4) + digits(utc.month, 2) + digits(utc.day, 2) + "T" + digits(utc.hour, 2) + digits(utc.minute, 2)
            + digits(utc.second, 2) + "." + digits(microseconds, 6) + "Z"
        return "\(stamp)-\(UniqueSuffix.make().prefix(8))-\(issuerKind.rawValue)"
    }

    /// The issuer kind recorded in a version name, or nil for names Sidecert did not make.
    static func issuerKind(ofVersion version: String) -> VersionMetadata.IssuerKind? {
        let parts = version.split(separator: "-", maxSplits: 2)
        guard parts.count == 3 else { return nil }
        return VersionMetadata.IssuerKind(rawValue: String(parts[2]))
    }
}
