#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension InstalledCertificate {
    /// When to renew without ARI: once a third of the lifetime is left, or half of it for short-lived
    /// (≤ 10 days) certificates. Follows the certificate, never a fixed "30 days", as CA lifetimes shrink.
    package var renewalDate: Date {
        Self.renewalDate(notBefore: notBefore, notAfter: notAfter)
    }

    /// Whether ``renewalDate`` has come.
    package func isDueForRenewal(now: Date) -> Bool {
        now >= renewalDate
    }

    /// The rule behind ``renewalDate``, pure for tests and for certificates not yet on the volume.
    package static func renewalDate(notBefore: Date, notAfter: Date) -> Date {
        let lifetime = notAfter.timeIntervalSince(notBefore)
        let remainingFraction = lifetime <= 10 * 86_400 ? 0.5 : 1.0 / 3.0
        return notAfter.addingTimeInterval(-lifetime * remainingFraction)
    }
}
