import SidecertVolume

/// How `ensure` ended with a usable certificate on the volume (exit 0).
package enum EnsureOutcome: Sendable {
    /// It was already there and not due for renewal: no lock, no network.
    case alreadyUsable(InstalledCertificate)
    /// Another replica published it while this one waited.
    case publishedByAnotherReplica(InstalledCertificate)
    /// This replica issued and published it.
    case issued(InstalledCertificate)
    /// `live/` was gone or broken, and this replica made a usable archived version live again: no order.
    case restored(InstalledCertificate)
    /// Renewal was not possible (backoff, CA trouble), but the current certificate is still usable.
    case keptCurrent(InstalledCertificate, warning: String)

    package var certificate: InstalledCertificate {
        switch self {
        case .alreadyUsable(let c), .publishedByAnotherReplica(let c), .issued(let c), .restored(let c), .keptCurrent(let c, _): c
        }
    }
}
