#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A file in `leases/` that is not a live lease, for `status` to report (they are harmless but say
/// something crashed, or that someone else writes into the directory).
package struct StrayLeaseFile: Sendable, Equatable {
    /// The file name inside `leases/`.
    package let name: String
    /// Its last modification, when it could be read.
    package let modifiedAt: Date?
    /// What it probably is and what to do, for a human.
    package let explanation: String
}
