/// What an ``EnsureOperation`` is for, which decides what on the volume is good enough to stop at.
package enum EnsurePurpose: Sendable, Equatable {
    /// `ensure` and `renew`: any usable certificate that is not due for renewal.
    case ensure
    /// `--force`: a new certificate now, whatever is there, ignoring the backoff.
    case force
    /// `run`'s scheduled renewal of the version the schedule was computed for (nil: nothing usable was
    /// there): any other usable version means another replica renewed it first. The backoff applies.
    case replace(version: String?)

    /// Why a usable certificate that is not due is being replaced anyway, for the log.
    var reasonWhenNotDue: String {
        switch self {
        case .ensure: "not due"
        case .force: "forced"
        case .replace: "the renewal schedule (ARI window or jitter) says now"
        }
    }
}
