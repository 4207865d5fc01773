import Foundation

/// Whether the ledger lets an order go to the CA now.
public enum LedgerDecision: Sendable, Equatable {
    /// Go ahead.
    case proceed
    /// Not before `until`; `reason` says which rule and why, for the operator (exit 75's message).
    case refuse(until: Date, reason: String)
}
