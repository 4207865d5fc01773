#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IssuanceLedger {
    /// How long entries are kept: longer than the longest window a rule looks at (7 days).
    package static let retention: TimeInterval = 8 * 86_400
    /// Attempts kept whatever their age, so backoff and `status` still see the last few.
    package static let retainedAttempts = 5

    /// Reads `ledger/<name>.json`.
    ///
    /// - Returns: the ledger (empty when the file is missing) and, when the file was corrupt, a warning
    ///   for the caller to log: the ledger is then treated as empty and rewritten at the next save.
    /// - Throws: when the file exists but cannot be read (permissions, I/O).
    package static func load(layout: VolumeLayout, name: String) throws -> (ledger: IssuanceLedger, warning: String?) {
        let path = try layout.ledger(name)
        let bytes: [UInt8]?
        do {
            bytes = try AtomicFile.readIfPresent(path)
        } catch let error as VolumeError where error.code == .corruptFile {
            return (IssuanceLedger(), "\(error.description); treating the ledger as empty")
        }
        guard let bytes else { return (IssuanceLedger(), nil) }
        do {
            return (try VolumeJSON.decode(IssuanceLedger.self, from: bytes), nil)
        } catch {
            return (IssuanceLedger(), "\(path) is not a valid issuance ledger (\(error)); treating it as empty, it is rewritten at the next attempt")
        }
    }

    /// Writes the ledger atomically to `ledger/<name>.json`, pruned as of `now`. Only the lease holder saves.
    package func save(layout: VolumeLayout, name: String, now: Date = Date()) throws {
        var pruned = self
        pruned.prune(now: now)
        try AtomicFile.write(try VolumeJSON.encode(pruned), to: try layout.ledger(name), mode: 0o644)
    }

    /// Drops entries older than ``retention`` (keeping the last ``retainedAttempts`` attempts), so the
    /// file stays small.
    package mutating func prune(now: Date) {
        let cutoff = now.addingTimeInterval(-Self.retention)
        let keptAttempts = attempts.count - Self.retainedAttempts
        attempts = attempts.enumerated().filter { $0.offset >= keptAttempts || $0.element.time >= cutoff }.map(\.element)
        issued.removeAll { $0.time < cutoff }
        failedValidations.removeAll { $0.time < cutoff }
        lastChances.removeAll { $0.time < cutoff }
        restorations.removeAll { $0.time < cutoff }
    }
}
