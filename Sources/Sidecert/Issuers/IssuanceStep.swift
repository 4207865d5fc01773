/// The steps of one issuance, from the account to the ledger, in order: where the operator's progress lines
/// come from, and where the tests stop a holder (SIGKILL) to show that a crash at any step leaves the volume
/// either as it was or fully updated.
package enum IssuanceStep: String, Sendable, CaseIterable {
    /// A new ACME account was registered (not when one is reused).
    case accountCreated = "account-created"
    /// The CA created the order.
    case orderCreated = "order-created"
    /// Every challenge answer is published and visible to the CA.
    case challengePresented = "challenge-presented"
    /// The CA was told to look.
    case challengeAnswered = "challenge-answered"
    /// The CA accepted the certificate request.
    case finalized
    /// The certificate is here (downloaded, or signed by the local CA); nothing is published yet.
    case certificateDownloaded = "certificate-downloaded"
    /// The new version's directory is written and durable; `live/` still points to the old one.
    case versionWritten = "version-written"
    /// `live/` points to the new version.
    case liveSwapped = "live-swapped"
    /// The ledger records the success.
    case ledgerWritten = "ledger-written"
}

/// Told of each ``IssuanceStep`` as it is reached; a throw stops the issuance there.
package typealias IssuanceStepHook = @Sendable (IssuanceStep) async throws -> Void
