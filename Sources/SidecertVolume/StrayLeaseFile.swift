import Foundation

/// A file in `leases/` that is not a live lease, for `status` to report (they are harmless but say
/// something crashed, or that someone else writes into the directory).
public struct StrayLeaseFile: Sendable, Equatable {
    /// The file name inside `leases/`.
    public let name: String
    /// Its last modification, when it could be read.
    public let modifiedAt: Date?
    /// What it probably is and what to do, for a human.
    public let explanation: String
}
