/// What a waiter knows while another replica holds the lease, for progress logs.
public struct LeaseWaitProgress: Sendable {
    /// The record in the lease file at the last poll; nil when it was missing or unreadable.
    public let current: LeaseRecord?
    /// How long this waiter has waited so far.
    public let waited: Duration
}
