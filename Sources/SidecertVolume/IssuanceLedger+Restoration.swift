import Foundation

extension IssuanceLedger {
    /// An archived version made live again, with no order: `live/<name>` was removed or broken while
    /// `archive/` still held a usable version. Kept for `status` to say what happened.
    public struct Restoration: Codable, Sendable, Equatable {
        public var time: Date
        /// The version made live again.
        public var version: String
        /// What was wrong with `live/<name>`.
        public var why: String

        public init(time: Date, version: String, why: String) {
            self.time = time
            self.version = version
            self.why = why
        }
    }

    /// Records that `version` was made live again because of `why`.
    public mutating func recordRestoration(version: String, why: String, now: Date) {
        restorations.append(Restoration(time: now, version: version, why: why))
    }
}
