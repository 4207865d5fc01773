#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The moments of an order, reported as they happen: for progress lines, and for tests that stop the
/// process at each one to show that a crash anywhere leaves nothing torn.
package enum ACMEIssuanceEvent: Sendable, Equatable {
    /// The CA created the order.
    case orderCreated(URL)
    /// Every answer is presented and visible to the CA.
    case challengesPresented([ChallengeAnswer])
    /// The CA was told to look at every answer.
    case challengesAnswered
    /// The CA accepted the certificate request.
    case finalized
    /// The certificate chain was downloaded.
    case certificateDownloaded
}

/// Receives ``ACMEIssuanceEvent``s; a throw stops the order there.
package typealias ACMEIssuanceObserver = @Sendable (ACMEIssuanceEvent) async throws -> Void
