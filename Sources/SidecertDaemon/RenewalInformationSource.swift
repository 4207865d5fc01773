import Foundation
import Logging
import NIOCore
import Sidecert
import SidecertACME
import SidecertVolume

/// Fetches the CA's renewal window (ARI, RFC 9773) for the live certificate and remembers it until the CA's
/// `Retry-After` (clamped) says to ask again, or the version changes.
///
/// Only ACME-issued versions are asked about: an imported certificate or a placeholder means nothing to
/// the CA. A fetch that fails is logged and retried after ``retryAfterFailure``; meanwhile the schedule
/// falls back to the certificate's lifetime.
actor RenewalInformationSource {
    static let retryAfterFailure: TimeInterval = 15 * 60

    private let settings: ACMESettings
    private let logger: Logger
    private var cached: (version: String, information: ACMERenewalInfo?, refreshAt: Date)?

    init(settings: ACMESettings, logger: Logger) {
        self.settings = settings
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
            let information = try await Self.fetch(certificateID, settings: settings, logger: logger)
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

    private static func fetch(_ certificateID: String, settings: ACMESettings, logger: Logger) async throws -> ACMERenewalInfo? {
        try await AsyncHTTPClientTransport.withTransport(
            caBundlePath: settings.caBundlePath, version: SidecertVersion.current, requestTimeout: .seconds(30)
        ) { transport in
            // ARI is fetched with a plain GET; the key only satisfies the client's constructor.
            let client = ACMEClient(directoryURL: settings.directoryURL, transport: transport, accountKey: try .generate(), logger: logger)
            return try await client.renewalInfo(certificateID: certificateID)
        }
    }
}
