#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The fleet's memory of issuance for one certificate name, at `ledger/<name>.json`.
///
/// Rate limits are fleet-wide, so this memory lives on the volume: a crash-looping init container, a
/// fresh replica and a whole redeploy all see the same attempts and certificates. Only the lease holder
/// writes it; everyone may read it. The rules that use it are pure functions of (ledger, now).
package struct IssuanceLedger: Codable, Sendable, Equatable {
    /// Orders tried, oldest first.
    package var attempts: [Attempt]
    /// Certificates obtained, oldest first (the CA's duplicate-certificate limit counts these).
    package var issued: [IssuedCertificate]
    /// Authorizations the CA failed, oldest first (the CA's failed-validation limit counts these).
    package var failedValidations: [FailedValidation]
    /// Attempts made before a certificate's expiry against the guards' advice, oldest first.
    package var lastChances: [LastChance]
    /// Archived versions made live again because `live/` was gone or broken, oldest first.
    package var restorations: [Restoration]

    /// An empty ledger: what a missing file means.
    package init(
        attempts: [Attempt] = [], issued: [IssuedCertificate] = [], failedValidations: [FailedValidation] = [], lastChances: [LastChance] = [],
        restorations: [Restoration] = []
    ) {
        self.attempts = attempts
        self.issued = issued
        self.failedValidations = failedValidations
        self.lastChances = lastChances
        self.restorations = restorations
    }

    private enum CodingKeys: String, CodingKey {
        case attempts, issued, failedValidations, lastChances, restorations
    }

    /// Reads ledgers written before a field existed as if it were empty: a volume outlives versions.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        attempts = try container.decodeIfPresent([Attempt].self, forKey: .attempts) ?? []
        issued = try container.decodeIfPresent([IssuedCertificate].self, forKey: .issued) ?? []
        failedValidations = try container.decodeIfPresent([FailedValidation].self, forKey: .failedValidations) ?? []
        lastChances = try container.decodeIfPresent([LastChance].self, forKey: .lastChances) ?? []
        restorations = try container.decodeIfPresent([Restoration].self, forKey: .restorations) ?? []
    }

    /// Records an attempt. A final result replaces a `.started` entry for the same names at the end, so a
    /// process that crashes mid-order leaves `.started` behind, and that counts as a failure.
    package mutating func record(_ attempt: Attempt) {
        if let last = attempts.last, last.result == .started, last.names == attempt.names, attempt.result != .started {
            var attempt = attempt
            attempt.directory = attempt.directory ?? last.directory
            attempts[attempts.count - 1] = attempt
        } else {
            attempts.append(attempt)
        }
    }

    /// Records a certificate the CA issued.
    package mutating func record(_ certificate: IssuedCertificate) {
        issued.append(certificate)
    }

    /// Records an authorization the CA refused.
    package mutating func record(_ failure: FailedValidation) {
        failedValidations.append(failure)
    }
}
