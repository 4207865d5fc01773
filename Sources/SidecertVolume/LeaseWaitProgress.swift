/// What a waiter knows while another replica holds the lease, for progress logs.
package struct LeaseWaitProgress: Sendable {
    /// The record in the lease file at the last poll; nil when it was missing or unreadable.
    package let current: LeaseRecord?
    /// How long this waiter has waited so far.
    package let waited: Duration
}
