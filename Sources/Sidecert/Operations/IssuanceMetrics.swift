import CoreMetrics

/// The issuance counters `sidecert run` exports on `/metrics`. Emitted through swift-metrics, so they cost
/// nothing in the one-shot commands, which install no metrics backend.
enum IssuanceMetrics {
    /// An order is about to be placed (the ledger's `started` entry).
    static func attempted(certName: String) {
        Counter(label: "sidecert_issuance_attempts_total", dimensions: [("cert", certName)]).increment()
    }

    /// An issuance failed; `problem` is the ACME problem type's last word (`rateLimited`, `connection`), or
    /// what failed when the CA sent no problem document (`unreachable`, `configuration`, `other`).
    static func failed(certName: String, failure: IssuanceFailure) {
        Counter(label: "sidecert_issuance_failures_total", dimensions: [("cert", certName), ("problem", problemLabel(failure))]).increment()
    }

    /// This replica started waiting for another replica's lease.
    static func waitedForLease(certName: String) {
        Counter(label: "sidecert_lease_waits_total", dimensions: [("cert", certName)]).increment()
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
