import Logging
import ServiceLifecycle
import Sidecert
import SidecertACME
import SidecertReload
import SidecertVolume
import Synchronization
import UnixSignals

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `sidecert run`'s main service: the first `ensure` of every certificate, then renewal on schedule,
/// following the volume and reloading this replica's frontend, until SIGTERM.
///
/// Every replica runs the same loop. Only the one that gets a certificate's lease renews it; the others
/// find the new version when their watcher sees it, and just reload. One loop serves every certificate:
/// it decides again only for those whose moment has come (or that changed), then sleeps until the
/// earliest next moment, so ten thousand certificates cost one timer, not ten thousand tasks.
package struct CertificateDaemon: Service {
    package let settings: DaemonSettings
    /// The next planned renewal of each certificate, for `/metrics`.
    package let schedule: ScheduledRenewal
    /// The certificates kept now, for the admin endpoints (the file may change).
    package let roster: CertificateRoster

    package init(settings: DaemonSettings, specs: [CertificateSpec], schedule: ScheduledRenewal = ScheduledRenewal()) {
        self.settings = settings
        self.schedule = schedule
        self.roster = CertificateRoster(specs)
    }

    /// Runs until graceful shutdown (SIGTERM/SIGINT), which cancels whatever is under way: a lease held
    /// mid-issuance is released on the way out. Throws only a configuration error on the first attempt of a
    /// single certificate.
    package func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await self.runUntilCancelled()
        }
        settings.logger.info("stopped", metadata: ["cert": "\(roster.names.joined(separator: ","))"])
    }

    private func notifier(_ name: String) -> Notifier {
        Notifier(command: settings.notifyCommand, certName: name, logger: settings.logger)
    }

    private func runUntilCancelled() async throws {
        let logger = settings.logger
        if settings.bootstrapSelfSigned {
            for spec in roster.specs {
                try await bootstrapPlaceholder(spec)
            }
        }
        let notifyCommand = settings.notifyCommand
        let reloader = settings.reloader.map { reloader in
            DebouncedReloader(reloader, logger: logger) { certificates, error in
                for certificate in certificates {
                    await Notifier(command: notifyCommand, certName: certificate.name, logger: logger).notify(
                        .reloadFailed, message: "reloading the frontend for \(certificate) failed: \(error)")
                }
            }
        }
        let wakeUp = WakeUpCall()
        let dirty = DirtyCertificates()
        let watcher = VersionWatcher(
            layout: settings.layout, names: roster.names, interval: settings.watchInterval, reloader: reloader,
            onChange: { names in
                dirty.mark(names)
                wakeUp.ring()
            }, logger: logger)
        let readiness = FrontendReadiness(
            layout: settings.layout, reloader: reloader, probe: settings.httpProbe.map { FrontendProbe(base: $0, layout: settings.layout) },
            logger: logger, limit: settings.frontendWait)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // The reloader ends with the group: a retry still waiting is dropped, as the process is exiting.
            if let reloader { group.addTask { await reloader.run() } }
            group.addTask { await watcher.run() }
            group.addTask { await self.lookAgainOnHangup(watcher: watcher, wakeUp: wakeUp, dirty: dirty) }
            if settings.catalog.fileStamp() != nil {
                group.addTask { await self.followCertificatesFile(wakeUp: wakeUp, dirty: dirty) }
            }
            group.addTask { await IdleMemoryTrimmer.run() }
            group.addTask { try await self.renewalLoop(wakeUp: wakeUp, watcher: watcher, dirty: dirty, readiness: readiness) }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// `--bootstrap-self-signed`: a placeholder for a certificate with nothing loadable yet.
    private func bootstrapPlaceholder(_ spec: CertificateSpec) async throws {
        try await settings.ensureOperation(spec, purpose: .ensure).preflight()
        do {
            _ = try await PlaceholderBootstrap(
                layout: settings.layout, request: spec.request, leaseDuration: settings.leaseDuration, logger: settings.logger
            ).run()
        } catch {
            settings.logger.error("\(error)", metadata: ["cert": "\(spec.request.certName)"])
        }
    }

    /// SIGHUP: read the certificates file again, look at the volume and the schedule now.
    private func lookAgainOnHangup(watcher: VersionWatcher, wakeUp: WakeUpCall, dirty: DirtyCertificates) async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            settings.logger.info(
                "\("SIGHUP: looking at the volume and the schedule now" + (settings.catalog.path.map { ", and at \($0)" } ?? ""))",
                metadata: ["cert": "\(roster.names.joined(separator: ","))"])
            dirty.markAll(reloadingCatalog: true, hangup: true)
            watcher.pokes.ring()
            wakeUp.ring()
        }
    }

    /// Polls the certificates file every watch interval; a change makes the loop read it again.
    private func followCertificatesFile(wakeUp: WakeUpCall, dirty: DirtyCertificates) async {
        var last = settings.catalog.fileStamp()
        while !Task.isCancelled {
            try? await Task.sleep(for: settings.watchInterval)
            let now = settings.catalog.fileStamp()
            guard now != last else { continue }
            last = now
            dirty.markAll(reloadingCatalog: true, hangup: false)
            wakeUp.ring()
        }
    }

    // MARK: - Renewal

    private func renewalLoop(wakeUp: WakeUpCall, watcher: VersionWatcher, dirty: DirtyCertificates, readiness: FrontendReadiness) async throws {
        var budgetLog = BudgetAnnouncement()
        var states = Dictionary(uniqueKeysWithValues: roster.specs.map { ($0.request.certName, CertificateState(spec: $0, settings: settings)) })
        while !Task.isCancelled {
            let marks = dirty.take()
            if marks.reloadCatalog { reloadCatalog(into: &states, watcher: watcher) }
            for name in marks.all ? Array(states.keys) : marks.names where states[name] != nil {
                states[name]?.decideAt = nil
            }
            var issued = false
            let due = roster.names.filter { name in states[name].map { $0.decideAt.map { $0 <= Date() } ?? true } ?? false }
            for name in due {
                guard !Task.isCancelled, var state = states[name] else { continue }
                if case .issue(let purpose, let reason) = await decide(&state, afterHangup: marks.hangup) {
                    if let next = budgetSpent(for: state.spec) {
                        // The fleet's order budget is spent: this certificate waits for the next order it allows.
                        state.decideAt = next
                        budgetLog.note(next, logger: settings.logger)
                    } else {
                        // A first order waits until the frontend can answer the CA; the watcher is not held yet,
                        // so it goes on reloading the frontend onto what is live (the placeholder).
                        if state.isFirstAttempt {
                            await readiness.wait(for: state.spec)
                            guard !Task.isCancelled else { return }
                        }
                        if !issued { watcher.hold() }
                        issued = true
                        try await attempt(&state, purpose: purpose, reason: reason)
                    }
                }
                states[name] = state
            }
            // The frontend reloads once for everything published in this turn.
            if issued {
                watcher.resume()
                continue
            }
            let next = states.values.compactMap(\.decideAt).min() ?? Date().addingTimeInterval(3_600)
            // At most an hour at a time: a suspended host or a jumped clock is noticed within the hour.
            let seconds = min(max(next.timeIntervalSinceNow, 0), 3_600)
            await wakeUp.sleep(for: .milliseconds(Int64((seconds * 1_000).rounded(.up))))
        }
    }

    /// When the fleet's order budget allows `spec`'s next order, if not now (ACME only: the embedded CA has
    /// no limits to keep under).
    private func budgetSpent(for spec: CertificateSpec) -> Date? {
        guard case .acme = spec.issuer, let budget = settings.orderBudget else { return nil }
        return budget.nextAllowed(now: Date())
    }

    /// The certificates file changed (or SIGHUP): added entries are decided at once, removed ones are no
    /// longer renewed (their files stay on the volume); a file that does not check keeps what was there.
    private func reloadCatalog(into states: inout [String: CertificateState], watcher: VersionWatcher) {
        guard let path = settings.catalog.path else { return }
        let specs: [CertificateSpec]
        do {
            specs = try settings.catalog.load()
        } catch {
            settings.logger.error(
                "the certificates file is refused; keeping the certificates as they were", metadata: ["file": "\(path)", "error": "\(error)"])
            return
        }
        let names = specs.map(\.request.certName)
        let added = names.filter { states[$0] == nil }
        let removed = states.keys.filter { !names.contains($0) }.sorted()
        var kept = 0
        for spec in specs {
            let name = spec.request.certName
            if var state = states[name] {
                state.spec = spec
                state.decideAt = nil
                states[name] = state
                kept += 1
            } else {
                states[name] = CertificateState(spec: spec, settings: settings)
            }
        }
        for name in removed {
            states[name] = nil
            schedule.remove(name)
        }
        roster.replace(specs)
        watcher.follow(names)
        settings.logger.info(
            "read the certificates file",
            metadata: [
                "file": "\(path)", "added": "\(added.joined(separator: ","))", "removed": "\(removed.joined(separator: ","))", "kept": "\(kept)",
            ])
    }

    /// What to do next for one certificate, from the volume, the ledger, the CA's window and the clock.
    ///
    /// - Parameter afterHangup: SIGHUP asked for this decision: it is logged even when it is the same as before,
    ///   so the operator sees what the signal did.
    private func decide(_ state: inout CertificateState, afterHangup: Bool = false) async -> RenewalStep {
        let now = Date()
        let request = state.spec.request
        let installed = try? request.installed(on: settings.layout)
        let current = installed.map { installed in
            RenewalStep.Current(
                version: installed.version, notBefore: installed.notBefore, notAfter: installed.notAfter,
                isUsable: request.usability(of: installed, now: now) == .usable)
        }
        var information: ACMERenewalInfo?
        if let installed, current?.isUsable == true {
            information = await state.renewalInformation?.information(for: installed, now: now)
        }
        let randomUnit = state.randomUnit(for: current?.version)
        let gate = gateDecision(state.spec, installed: current?.isUsable == true ? installed : nil, now: now)
        await state.expiryRisk.report(gate, certificate: installed, notifier: notifier(state.name))
        let step = RenewalStep.next(
            current: current, gateOpensAt: gate.opensAt, lastFailure: state.lastFailure, retryFloor: settings.retryFloor / .seconds(1),
            renewalInformation: information, now: now, randomUnit: randomUnit)
        switch step {
        case .wait(let until, let renewAt, let reason):
            schedule.set(renewAt, for: state.name)
            state.decideAt = until
            let announcement = "\(until.formatted(.iso8601)) \(reason)"
            if announcement != state.lastAnnounced || afterHangup {
                settings.logger.info(
                    afterHangup ? "SIGHUP: nothing to do now; next check" : "next check",
                    metadata: ["cert": "\(state.name)", "at": "\(until.formatted(.iso8601))", "why": "\(reason)"])
                state.lastAnnounced = announcement
            }
        case .issue(_, let reason):
            schedule.set(now, for: state.name)
            state.decideAt = nil
            if afterHangup { settings.logger.info("SIGHUP: ordering now", metadata: ["cert": "\(state.name)", "why": "\(reason)"]) }
        }
        return step
    }

    /// Runs one ensure for `state`'s certificate, and remembers how it went.
    private func attempt(_ state: inout CertificateState, purpose: EnsurePurpose, reason: String) async throws {
        let name = state.name
        settings.logger.info(purpose == .ensure ? "getting a certificate" : "renewing", metadata: ["cert": "\(name)", "why": "\(reason)"])
        state.lastAnnounced = nil
        defer { state.isFirstAttempt = false }
        do {
            state.lastFailure = try await ensure(state.spec, purpose: purpose) ? nil : Date()
        } catch let error where state.isFirstAttempt && error.code == .badInput && roster.count == 1 {
            // One certificate, configured wrongly from the start: exit 2, as `ensure` would.
            throw error
        } catch {
            // Shutting down mid-attempt: the lease was released on the way out; nothing to report.
            guard !Task.isCancelled else { return }
            state.lastFailure = Date()
            settings.logger.error("\(error)", metadata: ["cert": "\(name)"])
            await notifier(name).notify(.issuanceFailed, message: "\(error)", details: nextAttemptDetails(state.spec))
        }
    }

    /// Runs one ensure; true when a usable certificate is there afterwards without a failure to report.
    private func ensure(_ spec: CertificateSpec, purpose: EnsurePurpose) async throws(SidecertError) -> Bool {
        let logger = settings.logger
        let name = spec.request.certName
        switch try await settings.ensureOperation(spec, purpose: purpose).run() {
        case .issued(let certificate):
            // A first certificate is not a renewal: the log says which it was (the notify event stays `renewed`).
            logger.notice(
                purpose == .ensure ? "issued" : "renewed",
                metadata: ["cert": "\(name)", "serial": "\(certificate.serialHex)", "notAfter": "\(certificate.notAfter.formatted(.iso8601))"])
            await notifier(name).notify(
                .renewed, message: "issued serial \(certificate.serialHex), valid until \(certificate.notAfter.formatted(.iso8601))",
                details: ["SIDECERT_SERIAL": certificate.serialHex, "SIDECERT_NOT_AFTER": certificate.notAfter.formatted(.iso8601)])
            return true
        case .publishedByAnotherReplica(let certificate):
            logger.info("another replica renewed it", metadata: ["cert": "\(name)", "serial": "\(certificate.serialHex)"])
            return true
        case .alreadyUsable, .restored:
            // A restoration is logged where it happens, with the version and why.
            return true
        case .keptCurrent(let certificate, let warning):
            logger.warning(
                "renewal failed; still serving the current certificate",
                metadata: ["cert": "\(name)", "why": "\(warning)", "notAfter": "\(certificate.notAfter.formatted(.iso8601))"])
            var details = nextAttemptDetails(spec)
            details["SIDECERT_SERIAL"] = certificate.serialHex
            details["SIDECERT_NOT_AFTER"] = certificate.notAfter.formatted(.iso8601)
            await notifier(name).notify(.issuanceFailed, message: warning, details: details)
            return false
        }
    }

    /// The guards' decision on the next order for `spec`, with `installed` the usable certificate it would renew.
    private func gateDecision(_ spec: CertificateSpec, installed: InstalledCertificate?, now: Date) -> IssuanceGateDecision {
        var ledger = (try? IssuanceLedger.load(layout: settings.layout, name: spec.request.certName).ledger) ?? IssuanceLedger()
        // Outside the lease, an unreleased lease's last started attempt is an order under way (EnsureOperation).
        if let lease = LeaseFile.inspect(layout: settings.layout, name: spec.request.certName), lease.releasedAt == nil {
            ledger = ledger.withoutAttemptInProgress()
        }
        return IssuanceGate(limits: spec.issuer.rateLimits).decision(
            ledger: ledger, names: spec.request.names.values, renewing: installed.map { IssuanceGate.Renewal($0, issuer: spec.issuer) },
            now: now, force: false)
    }

    private func nextAttemptDetails(_ spec: CertificateSpec) -> [String: String] {
        let installed = try? spec.request.installed(on: settings.layout)
        let usable = installed.flatMap { spec.request.usability(of: $0, now: Date()) == .usable ? $0 : nil }
        return gateDecision(spec, installed: usable, now: Date()).opensAt.map { ["SIDECERT_NEXT_ATTEMPT": $0.formatted(.iso8601)] } ?? [:]
    }
}

/// Certificates the renewal loop must decide again for at its next turn: those whose version changed on
/// the volume, or all of them (SIGHUP, a new certificates file). Marked by other tasks, taken by the loop.
final class DirtyCertificates: Sendable {
    struct Marks {
        var names: [String] = []
        var all = false
        var reloadCatalog = false
        /// SIGHUP asked: every decision of the next turn is logged.
        var hangup = false
    }

    private let marks = Mutex(Marks())

    func mark(_ names: [String]) {
        marks.withLock { $0.names += names }
    }

    func markAll(reloadingCatalog: Bool, hangup: Bool) {
        marks.withLock {
            $0.all = true
            $0.reloadCatalog = $0.reloadCatalog || reloadingCatalog
            $0.hangup = $0.hangup || hangup
        }
    }

    func take() -> Marks {
        marks.withLock { marks in
            defer { marks = Marks() }
            return marks
        }
    }
}

/// Says once per spent period, not once per waiting certificate, that the order budget holds orders back.
struct BudgetAnnouncement {
    private var announced: Date?

    mutating func note(_ next: Date, logger: Logger) {
        guard announced != next else { return }
        announced = next
        logger.notice(
            "the fleet's order budget is spent; certificates due wait for it", metadata: ["next order": "\(next.formatted(.iso8601))"])
    }
}
