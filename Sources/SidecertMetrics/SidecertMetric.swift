import CoreMetrics

/// One metric Sidecert exports, as Prometheus shows it: its name, its kind, and its HELP text. The table of
/// them (the statics below) is the single source of metric names for the code that records them and of HELP
/// texts for `/metrics`.
///
/// Metrics are recorded through swift-metrics where things happen; only `run` installs a backend
/// (``MetricsStore``), so the one-shot commands pay nothing for them.
package struct SidecertMetric: Hashable, Sendable {
    /// How a metric behaves.
    package enum Kind: Sendable {
        case counter
        case gauge
    }

    package let name: String
    package let kind: Kind
    /// The HELP line.
    package let help: String

    init(_ name: String, _ kind: Kind, _ help: String) {
        self.name = name
        self.kind = kind
        self.help = help
    }

    package static func == (lhs: SidecertMetric, rhs: SidecertMetric) -> Bool { lhs.name == rhs.name }
    package func hash(into hasher: inout Hasher) { hasher.combine(name) }

    // MARK: - The live certificate (read from the volume at every scrape)

    package static let certificateUsable = SidecertMetric(
        "sidecert_certificate_usable", .gauge, "1 while a usable certificate for the configured names is live (as /readyz decides), else 0.")
    package static let certificateNotBefore = SidecertMetric(
        "sidecert_certificate_not_before_timestamp_seconds", .gauge, "Start of the live certificate's validity, Unix time.")
    package static let certificateNotAfter = SidecertMetric(
        "sidecert_certificate_not_after_timestamp_seconds", .gauge, "End of the live certificate's validity, Unix time.")
    package static let expiryAtRisk = SidecertMetric(
        "sidecert_certificate_expiry_at_risk", .gauge,
        "1 while the guards (backoff, the CA's limits) would hold the next order back past the live certificate's expiry.")
    package static let renewalSeconds = SidecertMetric(
        "sidecert_renewal_seconds", .gauge, "Seconds until the next planned renewal attempt (0: under way or overdue).")

    // MARK: - All certificates

    package static let certificatesKept = SidecertMetric("sidecert_certificates", .gauge, "Certificates this sidecar keeps.")
    package static let certificatesUsable = SidecertMetric(
        "sidecert_certificates_usable", .gauge, "Certificates this sidecar keeps that are usable now (as /readyz decides).")
    package static let certificatesDue = SidecertMetric(
        "sidecert_certificates_due", .gauge, "Certificates this sidecar keeps that are usable and past their renewal moment.")
    package static let certificatesFailing = SidecertMetric(
        "sidecert_certificates_failing", .gauge, "Certificates this sidecar keeps whose last order failed (the volume's ledgers).")
    package static let certificatesWaitingOnBudget = SidecertMetric(
        "sidecert_certificates_waiting_on_budget", .gauge,
        "Certificates this sidecar keeps that need an order (not usable, or due) while the fleet's order budget is spent.")

    // MARK: - Issuance

    package static let issuanceAttempts = SidecertMetric("sidecert_issuance_attempts_total", .counter, "Orders this replica placed.")
    package static let issuanceFailures = SidecertMetric(
        "sidecert_issuance_failures_total", .counter, "Failed issuances, by ACME problem type or unreachable/configuration/other.")
    package static let issuanceFailingSince = SidecertMetric(
        "sidecert_issuance_failing_since_timestamp_seconds", .gauge,
        "When the first failed order since the last success happened (the volume's ledger, Unix time); 0 while none failed.")

    // MARK: - The lease

    package static let leaseWaits = SidecertMetric("sidecert_lease_waits_total", .counter, "Times this replica waited for another's lease.")
    package static let leaseHeldSince = SidecertMetric(
        "sidecert_lease_held_since_timestamp_seconds", .gauge,
        "Since when this replica holds the certificate's lease (Unix time); 0 when it does not.")
    package static let leaseDuration = SidecertMetric(
        "sidecert_lease_duration_seconds", .gauge, "The lease's duration (--lease-duration): the most a crashed holder delays the fleet.")

    // MARK: - The frontend

    package static let reloads = SidecertMetric("sidecert_reloads_total", .counter, "Frontend reloads done for the certificate.")
    package static let reloadFailures = SidecertMetric("sidecert_reload_failures_total", .counter, "Failed frontend reload attempts.")
    package static let reloadLastSuccess = SidecertMetric(
        "sidecert_reload_last_success_timestamp_seconds", .gauge, "When the frontend was last reloaded for the certificate (Unix time); 0 never.")
    package static let reloadLastFailure = SidecertMetric(
        "sidecert_reload_last_failure_timestamp_seconds", .gauge, "When a reload of the frontend last failed (Unix time); 0 never.")

    /// Every metric, for the backend's HELP lines.
    package static let all: [SidecertMetric] = [
        certificateUsable, certificateNotBefore, certificateNotAfter, expiryAtRisk, renewalSeconds,
        certificatesKept, certificatesUsable, certificatesDue, certificatesFailing, certificatesWaitingOnBudget,
        issuanceAttempts, issuanceFailures, issuanceFailingSince,
        leaseWaits, leaseHeldSince, leaseDuration,
        reloads, reloadFailures, reloadLastSuccess, reloadLastFailure,
    ]

    /// The metrics that start at 0 for every certificate, so that `rate()` and absence-based alerts work from
    /// the first scrape (an absent series never fires): ``MetricsStore`` writes 0 where nothing was recorded.
    package static let startingAtZero: [SidecertMetric] = [
        issuanceAttempts, leaseWaits, reloads, reloadFailures, issuanceFailingSince, leaseHeldSince, reloadLastSuccess, reloadLastFailure,
        expiryAtRisk,
    ]

    /// The counter for `certificate`.
    package func counter(certificate: String, _ more: [(String, String)] = []) -> Counter {
        Counter(label: name, dimensions: [("cert", certificate)] + more)
    }

    /// The gauge for `certificate`.
    package func gauge(certificate: String) -> Gauge {
        Gauge(label: name, dimensions: [("cert", certificate)])
    }

    /// The gauge of this metric over all certificates (no label).
    package func gauge() -> Gauge {
        Gauge(label: name)
    }

}
