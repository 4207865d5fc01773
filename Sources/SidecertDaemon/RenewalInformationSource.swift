import Logging
import NIOCore
import Sidecert
import SidecertACME
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Fetches the CA's renewal window (ARI, RFC 9773) for the live certificate and remembers it until the CA's
/// `Retry-After` (clamped) says to ask again, or the version changes.
///
/// Only ACME-issued versions are asked about: an imported certificate or a placeholder means nothing to
/// the CA. A fetch that fails is logged and retried after ``retryAfterFailure``; meanwhile the schedule
/// falls back to the certificate's lifetime.
actor RenewalInformationSource {
    static let retryAfterFailure: TimeInterval = 15 * 60

    private let session: ACMESession
    private let logger: Logger
    private var cached: (version: String, information: ACMERenewalInfo?, refreshAt: Date)?

    init(session: ACMESession, logger: Logger) {
        self.session = session
        self.logger = logger
    }

    /// The window for `certificate`, fetched if not known or stale; nil when the CA offers none.
    func information(for certificate: InstalledCertificate, now: Date) async -> ACMERenewalInfo? {
        guard certificate.issuerKind == .acme, let version = certificate.version,
            let certificateID = ACMEClient.certificateID(for: certificate.leaf)
        else { return nil }
        if let cached, cached.version == version, now < cached.refreshAt {
            return cached.information
        }
        do {
            let information = try await session.renewalInformation(certificateID: certificateID)
            let refreshAt = RenewalSchedule.renewalInformationRecheck(retryAfter: information?.retryAfter, now: now)
            cached = (version, information, refreshAt)
            if let information {
                logger.info(
                    "the CA suggests a renewal window",
                    metadata: [
                        "cert": "\(certificate.name)", "start": "\(information.suggestedWindowStart.formatted(.iso8601))",
                        "end": "\(information.suggestedWindowEnd.formatted(.iso8601))",
                        "explanation": "\(information.explanationURL?.absoluteString ?? "none")",
                        "askAgainAt": "\(refreshAt.formatted(.iso8601))",
                    ])
            }
            return information
        } catch {
            logger.warning(
                "cannot fetch the CA's renewal window; timing renewal by the certificate's lifetime for now",
                metadata: ["cert": "\(certificate.name)", "error": "\(error)"])
            cached = (version, nil, now.addingTimeInterval(Self.retryAfterFailure))
            return nil
        }
    }
}
