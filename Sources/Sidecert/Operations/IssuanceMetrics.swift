import CoreMetrics
import SidecertMetrics

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What issuance reports on `/metrics` (see ``SidecertMetric``).
enum IssuanceMetrics {
    /// An order is about to be placed (the ledger's `started` entry).
    static func attempted(certName: String) {
        SidecertMetric.issuanceAttempts.counter(certificate: certName).increment()
    }

    /// An issuance failed; `problem` is the ACME problem type's last word (`rateLimited`, `connection`), or
    /// what failed when the CA sent no problem document (`unreachable`, `configuration`, `other`).
    static func failed(certName: String, failure: IssuanceFailure) {
        SidecertMetric.issuanceFailures.counter(certificate: certName, [("problem", problemLabel(failure))]).increment()
    }

    /// This replica started waiting for another replica's lease.
    static func waitedForLease(certName: String) {
        SidecertMetric.leaseWaits.counter(certificate: certName).increment()
    }

    /// This replica holds the lease since `since`, or (nil) no longer.
    static func holdsLease(certName: String, since: Date?) {
        SidecertMetric.leaseHeldSince.gauge(certificate: certName).record(since?.timeIntervalSince1970 ?? 0)
    }

    static func problemLabel(_ failure: IssuanceFailure) -> String {
        if let type = failure.problemType {
            return type.split(separator: ":").last.map(String.init) ?? type
        }
        switch failure.error.code {
        case .tryLater: return "unreachable"
        case .badInput: return "configuration"
        default: return "other"
        }
    }
}
