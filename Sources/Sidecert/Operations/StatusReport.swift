import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `status`: what is on the volume — every certificate, usable or why not, its lease and its ledger.
package struct StatusReport: Codable, Sendable {
    /// What the operator asked `status` to judge usability against (optional).
    package struct Requirements: Sendable {
        var names: Set<String>?
        var usages: Set<ExtendedKeyUsageName>
        /// The key types `ensure --key-type` asks for, the main one first; nil: whatever each version holds.
        var keyTypes: [CertificateKeyType]?

        /// What a certificate spec asks for.
        package init(_ request: CertificateRequest) {
            names = request.names.values
            usages = request.requiredUsages
            keyTypes = request.keyTypes
        }

        /// - Parameters:
        ///   - domainSource, usageSource, keyTypeSource: what errors name: the flag, variable or file line the
        ///     values came from.
        package init(
            domains: [String], domainSource: SettingOrigin = .flag("--domain"), requiredUsages: [String],
            usageSource: SettingOrigin = .flag("--required-usage"), keyTypes: [String] = [], keyTypeSource: SettingOrigin = .flag("--key-type")
        ) throws(SidecertError) {
            self.names = domains.isEmpty ? nil : try CertificateNameSet(parsing: domains, source: domainSource).values
            self.usages = try CertificateRequest.usages(requiredUsages, source: usageSource)
            self.keyTypes = keyTypes.isEmpty ? nil : try CertificateRequest.keyTypes(keyTypes, source: keyTypeSource)
        }
    }

    package struct CertificateStatus: Codable, Sendable {
        package var certName: String
        package var version: String?
        package var names: [String]
        package var serial: String?
        package var issuer: String?
        package var keyType: String?
        /// Every certificate of the version, one per key type, the main one (`fullchain.pem`) first.
        package var credentials: [CredentialStatus]
        package var notBefore: Date?
        package var notAfter: Date?
        /// When it is due for renewal; nil for a placeholder, which is replaced as soon as a real one comes.
        package var renewalDue: Date?
        /// The one key type asked for (`--key-type`) when the certificate is of another: it keeps serving and
        /// the renewal brings the new type, at ``renewalDue``.
        package var keyTypeAtRenewal: String?
        package var extendedKeyUsages: [String]
        package var placeholder: Bool
        package var usable: Bool
        /// Why the certificate is not usable (empty when it is).
        package var problems: [String]
        package var lease: LeaseStatus?
        package var ledger: LedgerStatus
    }

    /// One certificate of a version holding several key types.
    package struct CredentialStatus: Codable, Sendable {
        package var keyType: String
        package var serial: String
        package var notAfter: Date
    }

    package struct LeaseStatus: Codable, Sendable {
        /// Who holds it, or last held it when `released`.
        package var holder: String
        package var expiresAt: Date
        package var expired: Bool
        /// The holder let go of it; the next replica takes it at once.
        package var released: Bool
    }

    package struct LedgerStatus: Codable, Sendable {
        /// When the ledger lets the next order go to the CA: after the backoff, and within the duplicate-
        /// certificate and failed-validation limits (nil: now).
        package var nextAttemptAllowed: Date?
        /// Why not before then, in words.
        package var nextAttemptReason: String?
        package var consecutiveFailures: Int
        package var lastProblem: String?
        package var issuedInLast7Days: Int
        /// The last time an archived version was made live again (``IssuanceLedger/Restoration``).
        package var lastRestoration: IssuanceLedger.Restoration?
    }

    /// Counts over every certificate shown, first in the text: what a fleet of thousands needs at a glance.
    package struct Summary: Codable, Sendable {
        package var certificates: Int
        package var usable: Int
        /// Usable, and past their renewal moment.
        package var due: Int
        /// Whose last order failed.
        package var failing: Int
        /// Not usable or due, while the fleet's order budget is spent: they wait for it.
        package var waitingOnBudget: Int
        /// When the budget allows the next order (nil: now).
        package var budgetNextOrder: Date?
        /// When the last of those waiting would be ordered, at the budget's pace.
        package var budgetQueueEnds: Date?

        /// What the counts count, for one certificate.
        package struct State: Sendable {
            package var usable: Bool
            /// Usable, and past its renewal moment.
            package var due: Bool
            /// Its last order failed.
            package var failing: Bool

            package init(usable: Bool, due: Bool, failing: Bool) {
                self.usable = usable
                self.due = due
                self.failing = failing
            }
        }
    }

    package var storage: String
    package var summary: Summary
    package var certificates: [CertificateStatus]
    /// Files in the lease directory that are not leases Sidecert wrote (stale takeovers, foreign files).
    package var strayLeaseFiles: [String]

    /// Which certificates to show, and what to judge each against.
    package enum Selection: Sendable {
        /// Every certificate on the volume, or those named (`status NAME...`), against `requirements`.
        case volume(names: [String], requirements: Requirements)
        /// The certificates a certificates file describes, each against its own request.
        case requests([CertificateRequest])
    }

    package static func gather(layout: VolumeLayout, selection: Selection, budget: OrderBudget?, now: Date) -> StatusReport {
        let chosen: [(name: String, requirements: Requirements)]
        switch selection {
        case .volume(let names, let requirements):
            let names = names.isEmpty ? (try? layout.certificateNames()) ?? [] : names
            chosen = names.map { ($0, requirements) }
        case .requests(let requests):
            chosen = requests.map { ($0.certName, Requirements($0)) }
        }
        // Every core reads: each certificate is a few files to read and parse, and 10,000 of them must be shown
        // within a second.
        let certificates = chosen.concurrentMap { status(of: $0.name, layout: layout, requirements: $0.requirements, now: now) }
        let strays = (try? LeaseFile.strayFiles(layout: layout, now: now)) ?? []
        return StatusReport(
            storage: layout.root, summary: summarize(certificates, budget: budget, now: now), certificates: certificates,
            strayLeaseFiles: strays.map { "\($0.name) (\($0.explanation))" })
    }

    /// The counts, and the budget's queue.
    private static func summarize(_ certificates: [CertificateStatus], budget: OrderBudget?, now: Date) -> Summary {
        let states = certificates.map {
            Summary.State(usable: $0.usable, due: $0.usable && ($0.renewalDue.map { $0 <= now } ?? false), failing: $0.ledger.consecutiveFailures > 0)
        }
        return Summary(states, budget: budget, now: now)
    }

    private static func status(of certName: String, layout: VolumeLayout, requirements: Requirements, now: Date) -> CertificateStatus {
        let lease = LeaseFile.inspect(layout: layout, name: certName).map {
            LeaseStatus(holder: $0.holder, expiresAt: $0.expiresAt, expired: $0.expiresAt < now, released: $0.releasedAt != nil)
        }
        // One key type asked for is what ensure asks for too: a certificate of another type serves until its
        // renewal, so only a list of several makes the further types required.
        let furtherTypes = (requirements.keyTypes?.count ?? 0) > 1 ? requirements.keyTypes ?? [] : []
        let loaded = Result { try loadAllCredentials(layout: layout, name: certName, requested: furtherTypes) }
        let ledger = ledgerStatus(
            certName: certName, names: requirements.names ?? (try? loaded.get())??.names, installed: (try? loaded.get()) ?? nil, layout: layout,
            now: now)
        var status = CertificateStatus(
            certName: certName, version: nil, names: [], serial: nil, issuer: nil, keyType: nil, credentials: [], notBefore: nil,
            notAfter: nil, renewalDue: nil, keyTypeAtRenewal: nil, extendedKeyUsages: [], placeholder: false, usable: false, problems: [],
            lease: lease, ledger: ledger)
        do {
            guard let installed = try loaded.get() else {
                status.problems = ["no certificate in live/\(certName)"]
                return status
            }
            status.version = installed.version
            status.names = installed.dnsNames + installed.ipAddresses
            status.serial = installed.serialHex
            status.issuer = installed.issuer
            status.keyType = installed.keyType.rawValue
            status.credentials = installed.credentials.map {
                CredentialStatus(keyType: $0.keyType.rawValue, serial: $0.serialHex, notAfter: $0.notAfter)
            }
            status.notBefore = installed.notBefore
            status.notAfter = installed.notAfter
            status.renewalDue = installed.isPlaceholder ? nil : installed.renewalDate
            if let asked = requirements.keyTypes, asked.count == 1, asked[0] != installed.keyType {
                status.keyTypeAtRenewal = asked[0].rawValue
            }
            status.extendedKeyUsages = installed.extendedKeyUsages.sorted()
            status.placeholder = installed.isPlaceholder
            let names = requirements.names ?? installed.names
            let keyTypes = requirements.keyTypes ?? installed.credentials.map(\.keyType)
            switch installed.usability(requestedNames: names, requiredUsages: requirements.usages, requestedKeyTypes: keyTypes, now: now) {
            case .usable:
                status.usable = true
            case .unusable(let reasons):
                status.problems = reasons
            }
        } catch {
            status.problems = ["\(error)"]
        }
        return status
    }

    /// `live/<name>` with every certificate its version holds (the key types `meta.json` lists: the fast path
    /// never reads it; `status` may) and those `requested` (`--key-type`), which it may lack.
    private static func loadAllCredentials(layout: VolumeLayout, name: String, requested: [CertificateKeyType]) throws -> InstalledCertificate? {
        guard let primary = try InstalledCertificate.load(layout: layout, name: name) else { return nil }
        let listed = ((try? primary.loadMetadata())??.keyTypes ?? []).compactMap(CertificateKeyType.init(rawValue:))
        var others: [CertificateKeyType] = []
        for keyType in requested + listed where keyType != primary.keyType && !others.contains(keyType) {
            others.append(keyType)
        }
        guard !others.isEmpty else { return primary }
        return try InstalledCertificate.load(layout: layout, name: name, otherKeyTypes: others)
    }

    /// The ledger for `names` (what is asked for or, failing that, on the certificate, or last ordered).
    ///
    /// The CA's limits are those of the directory the ledger last ordered from.
    private static func ledgerStatus(
        certName: String, names: Set<String>?, installed: InstalledCertificate?, layout: VolumeLayout, now: Date
    ) -> LedgerStatus {
        let ledger = (try? IssuanceLedger.load(layout: layout, name: certName))?.ledger ?? IssuanceLedger()
        let names = names ?? ledger.attempts.last.map { Set($0.names) } ?? []
        let directory = ledger.attempts.last { $0.directory != nil }?.directory.flatMap { URL(string: $0) }
        let renewing = installed.flatMap { installed in
            installed.usability(requestedNames: names, requiredUsages: [], now: now) == .usable
                ? IssuanceGate.Renewal(installed, orderedFromACME: directory != nil) : nil
        }
        var refusal: (until: Date, reason: String)?
        if case .refuse(let until, let reason, _) = IssuanceGate(limits: CARateLimits.stated(by: directory)).decision(
            ledger: ledger, names: names, renewing: renewing, now: now, force: false)
        {
            refusal = (until, reason)
        }
        return LedgerStatus(
            nextAttemptAllowed: refusal?.until,
            nextAttemptReason: refusal?.reason,
            consecutiveFailures: ledger.consecutiveFailures,
            lastProblem: ledger.lastFailure.map { failure in
                failure.result == .started
                    ? "interrupted: the replica holding the lease stopped before its order ended"
                    : [failure.problemType, failure.detail].compactMap { $0 }.joined(separator: ": ")
            },
            issuedInLast7Days: ledger.issued.filter { $0.time > now.addingTimeInterval(-7 * 86400) }.count,
            lastRestoration: ledger.restorations.last
        )
    }
}

extension StatusReport.Summary {
    /// The counts over `states` (`status` and `/metrics` count alike), and the budget's queue.
    package init(_ states: [State], budget: OrderBudget?, now: Date) {
        let usable = states.filter(\.usable).count
        let due = states.filter(\.due).count
        let next = budget?.nextAllowed(now: now)
        let waiting = next == nil ? 0 : states.count - usable + due
        self.init(
            certificates: states.count, usable: usable, due: due, failing: states.filter(\.failing).count, waitingOnBudget: waiting,
            budgetNextOrder: next, budgetQueueEnds: waiting > 0 ? budget?.expectedEnd(ofQueue: waiting, now: now) : nil)
    }
}
