#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IssuanceLedger {
    /// An archived version made live again, with no order: `live/<name>` was removed or broken while
    /// `archive/` still held a usable version. Kept for `status` to say what happened.
    package struct Restoration: Codable, Sendable, Equatable {
        package var time: Date
        /// The version made live again.
        package var version: String
        /// What was wrong with `live/<name>`.
        package var why: String

        package init(time: Date, version: String, why: String) {
            self.time = time
            self.version = version
            self.why = why
        }
    }

    /// Records that `version` was made live again because of `why`.
    package mutating func recordRestoration(version: String, why: String, now: Date) {
        restorations.append(Restoration(time: now, version: version, why: why))
    }
}
