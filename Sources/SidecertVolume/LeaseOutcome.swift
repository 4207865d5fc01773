/// What ``LeaseFile/withLease(layout:name:duration:maximumWait:holder:clock:pollSchedule:logger:isNoLongerNeeded:onWait:body:)`` did.
package enum LeaseOutcome<Value> {
    /// The lease was acquired, the body ran and returned this.
    case ran(Value)
    /// While waiting, the caller said waiting was no longer needed (another replica published); the body did not run.
    case notNeeded
}

extension LeaseOutcome: Sendable where Value: Sendable {}
