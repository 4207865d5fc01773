import Logging
import SidecertVolume
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `ensure`: make sure a usable certificate for the request is on the volume, issuing at most once
/// fleet-wide. The whole algorithm of DESIGN.md lives here:
/// look → gate on the ledger → lease (watching the volume while waiting) → look again → issue → publish
/// under the fence → record.
package struct EnsureOperation: Sendable {
    package var layout: VolumeLayout
    package var request: CertificateRequest
    /// Where certificates come from: it signs the request this operation makes with a fresh key.
    package var issuer: any CertificateIssuer
    /// How long to wait for another replica's issuance (`--wait`).
    package var wait: Duration
    /// What makes the certificate on the volume good enough to stop.
    package var purpose: EnsurePurpose
    package var leaseDuration: Duration
    package var logger: Logger
    /// Told of each step of an issuance as it is reached (the tests stop the holder there).
    package var onStep: IssuanceStepHook
    /// The wall clock every decision reads and the lease and ledger are stamped with (the tests fix it or
    /// set it off, standing for a host whose clock is wrong).
    package var now: @Sendable () -> Date = { Date() }
    /// The fleet's budget of new orders; nil: none (the embedded CA, the unit tests).
    package var orderBudget: OrderBudget?

    package init(
        layout: VolumeLayout, request: CertificateRequest, issuer: any CertificateIssuer, wait: Duration, purpose: EnsurePurpose,
        leaseDuration: Duration, logger: Logger, onStep: @escaping IssuanceStepHook = { _ in }
    ) {
        self.layout = layout
        self.request = request
        self.issuer = issuer
        self.wait = wait
        self.purpose = purpose
        self.leaseDuration = leaseDuration
        self.logger = logger
        self.onStep = onStep
    }

    package func run() async throws(SidecertError) -> EnsureOutcome {
        let start = inspect()
        if let usable = start.usable, isSatisfied(by: start, startedFrom: start) {
            return .alreadyUsable(usable)
        }
        // Nothing usable under the default name: the same names may be kept under another (see CertNameChoice).
        if start.usable == nil, let adopted = CertNameChoice.adopted(request, layout: layout, now: now()) {
            CertNameChoice.announce(adopted, insteadOf: request.certName, logger: logger)
            var operation = self
            operation.request = adopted
            return try await operation.run()
        }
        return try await issueOnce(current: start)
    }

    /// The issuer's checks that need no lease and write nothing (a missing `--agree-tos`, say): `run` makes
    /// them before it writes a placeholder, so that bad configuration leaves the volume untouched.
    package func preflight() async throws(SidecertError) {
        try await issuer.preflight(request)
    }

    // MARK: - The slow path

    private func issueOnce(current: Inspection) async throws(SidecertError) -> EnsureOutcome {
        // What the archive holds is used before anything is ordered: restoring it needs the lease, not the CA.
        let restorable = current.usable == nil ? usableArchivedVersion(besides: current.version) : nil
        if restorable == nil, case .refuse(_, let reason, let expiryAtRisk) = gateDecision(current, holdingLease: false) {
            return try keepOrFail(current, because: reason, expiryAtRisk: expiryAtRisk)
        }
        if restorable == nil { try await issuer.preflight(request) }

        let outcome: LeaseOutcome<EnsureOutcome>
        do {
            outcome = try await LeaseFile.withLease(
                layout: layout,
                name: request.certName,
                duration: leaseDuration,
                maximumWait: wait,
                clock: WallClock(now),
                pollSchedule: LeasePollSchedule(initial: .milliseconds(50), maximum: .milliseconds(500)),
                logger: logger,
                isNoLongerNeeded: { self.someoneElsePublished(since: current) },
                onWait: waitProgressReporter(),
                body: { lease in try await self.issueHolding(lease, current: current) }
            )
        } catch let error as SidecertError {
            throw error
        } catch let error as VolumeError where error.code == .leaseWaitTimedOut {
            throw .tryLater(
                "waited \(wait) for the replica holding the lease on '\(request.certName)': \(error)",
                hint: "raise --wait, or look at `sidecert status` for the holder")
        } catch let error as VolumeError {
            throw SidecertError(volumeError: error, while: "issuing '\(request.certName)'")
        } catch {
            throw .failure("the lease on '\(request.certName)' failed: \(error)")
        }
        switch outcome {
        case .ran(let result):
            return result
        case .notNeeded:
            guard let usable = inspect().usable else {
                throw .failure("another replica published '\(request.certName)', but it is not usable for this request")
            }
            logger.info("another replica published the certificate", metadata: ["cert": "\(request.certName)"])
            return .publishedByAnotherReplica(usable)
        }
    }

    private func issueHolding(_ lease: HeldLease, current: Inspection) async throws -> EnsureOutcome {
        IssuanceMetrics.holdsLease(certName: request.certName, since: now())
        defer { IssuanceMetrics.holdsLease(certName: request.certName, since: nil) }
        var again = inspect()
        if let usable = again.usable, isSatisfied(by: again, startedFrom: current) {
            logger.info("a usable certificate appeared before the lease was ours", metadata: ["cert": "\(request.certName)"])
            return .publishedByAnotherReplica(usable)
        }
        if again.usable == nil, let archived = usableArchivedVersion(besides: again.version) {
            try restore(archived, because: again.reasonToIssue, lease: lease)
            again = inspect()
            if let usable = again.usable, isSatisfied(by: again, startedFrom: current) {
                return .restored(usable)
            }
            // Restored but due for renewal: it serves meanwhile, and the renewal goes on under this lease.
            try await issuer.preflight(request)
        }
        var lastChanceFor: String?
        switch gateDecision(again, holdingLease: true) {
        case .refuse(_, let reason, let expiryAtRisk):
            return try keepOrFail(again, because: reason, expiryAtRisk: expiryAtRisk)
        case .lastChance(let reason):
            logger.error(
                "the guards would let the certificate expire; making the one last attempt",
                metadata: ["cert": "\(request.certName)", "why": "\(reason)"])
            lastChanceFor = again.usable?.serialHex
        case .proceed:
            break
        }
        try CertificatePublisher(layout: layout, logger: logger).checkPublishable(name: request.certName)
        // The fleet's pace: one order taken from the volume's budget, given back if none is placed.
        var reserved: Date?
        if purpose != .force, issuer.directoryURL != nil, let orderBudget {
            switch try await orderBudget.reserve(now: now()) {
            case .granted(let moment):
                reserved = moment
            case .exhausted(let next):
                return try keepOrFail(
                    again,
                    because: "the fleet's budget of \(orderBudget.perHour) new orders an hour (--max-orders-per-hour) is spent; "
                        + "the next order is allowed at \(next.formatted(.iso8601))",
                    expiryAtRisk: false)
            }
        }
        logger.info(
            "issuing",
            metadata: [
                "cert": "\(request.certName)", "names": "\(request.names.values.sorted().joined(separator: ","))", "reason": "\(again.reasonToIssue)",
            ])
        // Recorded before the CA is contacted, so a holder that crashes mid-order still leaves a trace the
        // backoff counts (a crash-looping issuer must not order forever), and a last chance is taken once.
        try record { ledger in
            ledger.record(
                IssuanceLedger.Attempt(
                    time: now(), names: request.names.values, result: .started, directory: issuer.directoryURL?.absoluteString))
            if let lastChanceFor { ledger.recordLastChance(serial: lastChanceFor, now: now()) }
        }
        IssuanceMetrics.attempted(certName: request.certName)
        let files: CertificateFiles
        do {
            files = try await issue(replacing: again.usable)
        } catch .anotherReplicaPublished(let usable) {
            try record { $0.withdrawStartedAttempt() }
            if let reserved { try? await orderBudget?.release(reserved) }
            return .publishedByAnotherReplica(usable)
        } catch .failed(let error, let wasted) {
            IssuanceMetrics.failed(certName: request.certName, failure: error)
            if let reserved, !error.countsAsAttempt { try? await orderBudget?.release(reserved) }
            let ledger = try record { ledger in
                // Certificates issued for the key types before the one that failed count against the CA's limits.
                for _ in 0..<wasted { ledger.record(IssuanceLedger.IssuedCertificate(time: now(), names: request.names.values, serial: "unused")) }
                ledger.recordFailure(error, names: request.names.values, now: now())
            }
            guard error.countsAsAttempt else { throw error.error }
            var failure = error.error
            if let next = ledger.nextAttemptAllowed() {
                failure.hint = "the next attempt is allowed at \(next.formatted(.iso8601)) (or pass --force)" + (failure.hint.map { "; \($0)" } ?? "")
            }
            if let usable = again.usable {
                return .keptCurrent(usable, warning: "renewal failed, still serving the current certificate: \(failure)")
            }
            throw failure
        }
        try await onStep(.certificateDownloaded)
        let version: PublishedVersion
        do {
            let publisher = CertificatePublisher(layout: layout, logger: logger)
            let written = try publisher.write(name: request.certName, files: files)
            try await onStep(.versionWritten)
            version = try publisher.makeLive(written) { try lease.checkStillHeld() }
            try await onStep(.liveSwapped)
        } catch let error as CancellationError {
            throw error
        } catch {
            // The CA issued it, so it counts against the duplicate-certificate limit even though it was not
            // published (the lease was lost to another replica, or the volume refused the write). On a full
            // volume the ledger may not take it either: the publish error is what the operator must see.
            do {
                try record {
                    $0.recordUnusedIssuance(
                        names: request.names.values, count: files.credentials.count, why: "issued but not published: \(error)", now: now())
                }
            } catch {
                logger.warning(
                    "the ledger could not record the unpublished certificate", metadata: ["cert": "\(request.certName)", "error": "\(error)"])
            }
            if let error = error as? VolumeError {
                throw SidecertError(volumeError: error, while: "the new certificate for '\(request.certName)' was not published")
            }
            throw SidecertError.failure("the new certificate for '\(request.certName)' was not published: \(error)")
        }
        let afterPublishing = inspect()
        guard let published = afterPublishing.usable else {
            // The CA issued something this request cannot use (a profile without clientAuth, say). It counts
            // against the CA's limits, and the failure backs off: ordering again at once would get the same.
            let reason = afterPublishing.reasonToIssue
            let ledger = try record {
                $0.recordUnusedIssuance(
                    names: request.names.values, count: files.credentials.count, why: "issued but not usable: \(reason)", now: now())
            }
            throw SidecertError.failure(
                "the certificate just published as \(version) is not usable: \(reason)",
                hint: "the CA may not issue what this request requires (with --required-usage clientAuth: a profile that includes it); "
                    + "the next attempt is allowed at \(ledger.nextAttemptAllowed()?.formatted(.iso8601) ?? "once the request changes")")
        }
        do {
            try record { $0.recordSuccess(names: request.names.values, serials: published.credentials.map(\.serialHex), now: now()) }
        } catch {
            // The certificate is live and serves: failing now would only make the fleet order again. The
            // ledger keeps the interrupted attempt, which costs no backoff on its own.
            logger.error(
                "the new certificate is live, but the ledger could not record it",
                metadata: ["cert": "\(request.certName)", "error": "\(error)"])
        }
        try await onStep(.ledgerWritten)
        logger.info(
            "published",
            metadata: ["cert": "\(request.certName)", "serial": "\(published.serialHex)", "notAfter": "\(published.notAfter.formatted(.iso8601))"])
        return .issued(published)
    }

    // MARK: - Pieces

    /// How issuing ended short of certificate files.
    private enum IssueError: Error {
        /// `wasted`: certificates issued for earlier key types of the request before this failure.
        case failed(IssuanceFailure, wasted: Int)
        /// The CA said the current certificate was already replaced, and the volume shows why.
        case anotherReplicaPublished(InstalledCertificate)
    }

    /// For each key type of the request: a fresh key, its signing request, and the issuer's certificate for
    /// it; returns the files to publish, all in one version.
    private func issue(replacing current: InstalledCertificate?) async throws(IssueError) -> CertificateFiles {
        var credentials: [CertificateCredential] = []
        var metadata: VersionMetadata?
        for keyType in request.keyTypes {
            let key: CertificateKey
            let csr: [UInt8]
            do {
                key = try CertificateKey.generate(keyType)
                csr = try request.names.certificateSigningRequestDER(key: key.privateKey)
            } catch {
                throw .failed(
                    IssuanceFailure(.failure("cannot make a \(keyType.rawValue) key and its certificate request: \(error)")),
                    wasted: credentials.count)
            }
            let chain = try await issueChain(csr: csr, keyType: keyType, replacing: current, issuedSoFar: credentials.count)
            do {
                credentials.append(try CertificateCredential(certificateChainPEM: chain.certificateChainPEM, key: key))
            } catch {
                throw .failed(IssuanceFailure(.failure("the CA's answer cannot be published: \(error)")), wasted: credentials.count + 1)
            }
            metadata = metadata ?? chain.metadata
        }
        do {
            return try CertificateFiles(credentials: credentials, metadata: metadata ?? VersionMetadata(issuerKind: .acme, issuedAt: now()))
        } catch {
            throw .failed(IssuanceFailure(.failure("the CA's answers cannot be published together: \(error)")), wasted: credentials.count)
        }
    }

    /// Asks the issuer to sign `csr`, telling the CA which certificate this one replaces (ARI's `replaces`,
    /// which exempts renewals from most rate limits).
    ///
    /// `alreadyReplaced` means another order replaced it: a replica renewed (look at the volume), or one
    /// crashed after its order and before publishing, so this holder orders anew without `replaces`.
    private func issueChain(
        csr: [UInt8], keyType: CertificateKeyType, replacing current: InstalledCertificate?, issuedSoFar: Int
    ) async throws(IssueError) -> IssuedChain {
        func order(replacing: InstalledCertificate?) -> CertificateOrder {
            CertificateOrder(request: request, keyType: keyType, csrDER: csr, replacing: replacing, onStep: onStep)
        }
        do {
            return try await issuer.issue(order(replacing: current))
        } catch  where error.isAlreadyReplaced && current != nil {
            let latest = inspect()
            if let usable = latest.usable, latest.version != current?.version {
                throw .anotherReplicaPublished(usable)
            }
            logger.notice(
                "the CA says another order already replaced the current certificate, but the volume still holds it; ordering without `replaces`",
                metadata: ["cert": "\(request.certName)"])
            do {
                return try await issuer.issue(order(replacing: nil))
            } catch {
                throw .failed(error, wasted: issuedSoFar)
            }
        } catch {
            throw .failed(error, wasted: issuedSoFar)
        }
    }

    /// Whether `inspection` is what this run wanted, so it can stop: `start` is what the volume held
    /// when it began.
    private func isSatisfied(by inspection: Inspection, startedFrom start: Inspection) -> Bool {
        guard let usable = inspection.usable else { return false }
        switch purpose {
        case .ensure: return !usable.isDueForRenewal(now: now())
        case .force: return inspection.version != start.version
        case .replace(let version): return inspection.version != version
        }
    }

    /// What `live/<name>` holds right now, judged against this request.
    struct Inspection {
        var version: String?
        var usable: InstalledCertificate?
        var reasonToIssue: String
    }

    private func inspect() -> Inspection {
        do {
            guard let installed = try request.installed(on: layout) else {
                return Inspection(version: nil, usable: nil, reasonToIssue: "no certificate yet")
            }
            // The version comes from the same readlink that loaded the files: the fast path reads the
            // link once.
            switch request.usability(of: installed, now: now()) {
            case .usable:
                let due = installed.isDueForRenewal(now: now())
                return Inspection(
                    version: installed.version, usable: installed,
                    reasonToIssue: due ? "due for renewal since \(installed.renewalDate.formatted(.iso8601))" : purpose.reasonWhenNotDue)
            case .unusable(let reasons):
                return Inspection(version: installed.version, usable: nil, reasonToIssue: reasons.joined(separator: "; "))
            }
        } catch {
            let version = try? CertificatePublisher(layout: layout, logger: logger).currentVersion(name: request.certName)
            return Inspection(version: version, usable: nil, reasonToIssue: "the current files cannot be read: \(error)")
        }
    }

    /// While another replica holds the lease: for `ensure`, any usable certificate ends the wait (that
    /// replica is renewing a due one); a forced or scheduled renewal wants a version newer than the one it set out to replace.
    private func someoneElsePublished(since start: Inspection) -> Bool {
        let now = inspect()
        guard now.usable != nil else { return false }
        return purpose == .ensure || isSatisfied(by: now, startedFrom: start)
    }

    /// A progress line when the wait for another replica's issuance starts, then one every 10 seconds.
    private func waitProgressReporter() -> @Sendable (LeaseWaitProgress) -> Void {
        let lastReported = Mutex(-1)
        return { [logger, request, wait] progress in
            let period = Int(progress.waited / .seconds(10))
            guard
                lastReported.withLock({ last in
                    defer { last = max(last, period) }
                    return period > last
                })
            else { return }
            if period == 0 { IssuanceMetrics.waitedForLease(certName: request.certName) }
            logger.info(
                "waiting for another replica's issuance",
                metadata: [
                    "cert": "\(request.certName)",
                    "holder": "\(progress.current?.holder ?? "unknown")",
                    "leaseExpires": "\(progress.current.map { $0.expiresAt.formatted(.iso8601) } ?? "unknown")",
                    "waited": "\(progress.waited)",
                    "gives up after": "\(wait)",
                ])
        }
    }

    /// The guards' verdict on an order now, given what the volume holds (see ``IssuanceGate``).
    ///
    /// - Parameter holdingLease: whether this replica holds the lease. Before it does, an unreleased lease means
    ///   the ledger's last `started` attempt may be another replica's order under way, which is not a failure:
    ///   counted, it turned a crashed holder's successor, mid-order, into a backoff for every other replica.
    ///   Whether it was interrupted is judged under the lease.
    private func gateDecision(_ inspection: Inspection, holdingLease: Bool) -> IssuanceGateDecision {
        let renewing = inspection.usable.map { IssuanceGate.Renewal($0, orderedFromACME: issuer.directoryURL != nil) }
        // The lease before the ledger: a holder that finishes between the two reads has recorded its success
        // before releasing, so the ledger read second shows it. Read the other way round, its `started` entry
        // came with an already released lease and counted as interrupted: beside a crashed holder's, that
        // was "2 consecutive failed attempts" and exit 75 for a replica, while the certificate was just live.
        let anotherMayBeOrdering =
            !holdingLease && LeaseFile.inspect(layout: layout, name: request.certName).map { $0.releasedAt == nil } == true
        var ledger = loadLedger()
        if anotherMayBeOrdering {
            ledger = ledger.withoutAttemptInProgress()
        }
        return IssuanceGate(limits: issuer.rateLimits).decision(
            ledger: ledger, names: request.names.values, renewing: renewing, now: now(), force: purpose == .force)
    }

    private func keepOrFail(_ inspection: Inspection, because reason: String, expiryAtRisk: Bool) throws(SidecertError) -> EnsureOutcome {
        // One line: the previous error was printed when it happened, and `status` keeps it.
        let refusal = "\(reason); or pass --force (a forced attempt still counts against the CA's limits, failed validations included)"
        if let usable = inspection.usable {
            if expiryAtRisk {
                logger.error(
                    "not renewing now, and the certificate may expire first", metadata: ["cert": "\(request.certName)", "why": "\(refusal)"])
            } else {
                logger.warning("not renewing now", metadata: ["cert": "\(request.certName)", "why": "\(refusal)"])
            }
            return .keptCurrent(usable, warning: refusal)
        }
        throw .tryLater("no usable certificate for '\(request.certName)' and none may be requested now: \(refusal)")
    }

    private func loadLedger() -> IssuanceLedger {
        do {
            let (ledger, warning) = try IssuanceLedger.load(layout: layout, name: request.certName)
            if let warning { logger.warning("\(warning)", metadata: ["cert": "\(request.certName)"]) }
            return ledger
        } catch {
            logger.warning("the issuance ledger is unreadable; starting a new one", metadata: ["cert": "\(request.certName)", "error": "\(error)"])
            return IssuanceLedger()
        }
    }

    /// Updates the ledger; only ever called while holding the lease.
    @discardableResult
    private func record(_ change: (inout IssuanceLedger) -> Void) throws -> IssuanceLedger {
        var ledger = loadLedger()
        change(&ledger)
        try ledger.save(layout: layout, name: request.certName, now: now())
        return ledger
    }
}

extension IssuanceLedger {
    /// Records how an issuance failed. Configuration errors are not attempts against the CA: the `started`
    /// entry they left is taken back, so fixing the flags is not met with a backoff.
    mutating func recordFailure(_ failure: IssuanceFailure, names: Set<String>, now: Date) {
        guard failure.countsAsAttempt else {
            withdrawStartedAttempt()
            return
        }
        recordFailure(
            names: names, problemType: failure.problemType, detail: failure.error.message, retryAfter: failure.retryAfter,
            failedValidations: failure.failedValidations, now: now)
    }
}
