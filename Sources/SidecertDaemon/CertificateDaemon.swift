import CoreMetrics
import Foundation
import Logging
import ServiceLifecycle
import Sidecert
import SidecertACME
import SidecertReload
import SidecertVolume
import UnixSignals

/// `sidecert run`'s main service: the first `ensure`, then renewal on schedule, following the volume and
/// reloading this replica's frontend, until SIGTERM.
///
/// Every replica runs the same loop. Only the one that gets the lease renews; the others find the new
/// version when they wake (or when their watcher sees it) and just reload.
public struct CertificateDaemon: Service {
    public let settings: DaemonSettings
    /// The next planned renewal, for `/metrics`.
    public let schedule: ScheduledRenewal

    public init(settings: DaemonSettings, schedule: ScheduledRenewal = ScheduledRenewal()) {
        self.settings = settings
        self.schedule = schedule
    }

    /// Runs until graceful shutdown (SIGTERM/SIGINT), which cancels whatever is under way: a lease held
    /// mid-issuance is released on the way out. Throws only a configuration error on the first attempt.
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await self.runUntilCancelled()
        }
        settings.logger.info("stopped", metadata: ["cert": "\(settings.request.certName)"])
    }

    private var notifier: Notifier {
        Notifier(command: settings.notifyCommand, certName: settings.request.certName, logger: settings.logger)
    }

    private func runUntilCancelled() async throws {
        let logger = settings.logger
        if settings.bootstrapSelfSigned {
            try await settings.ensureOperation(.ensure).preflight()
            do {
                _ = try await PlaceholderBootstrap(
                    layout: settings.layout, request: settings.request, leaseDuration: settings.leaseDuration, logger: logger
                ).run()
            } catch {
                logger.error("\(error)", metadata: ["cert": "\(settings.request.certName)"])
            }
        }
        let notifier = self.notifier
        let reloader = settings.reloader.map { reloader in
            DebouncedReloader(reloader, logger: logger) { certificates, error in
                let listed = certificates.map(\.description).joined(separator: ", ")
                await notifier.notify(.reloadFailed, message: "reloading the frontend for \(listed) failed: \(error)")
            }
        }
        let wakeUp = WakeUpCall()
        let watcher = VersionWatcher(
            layout: settings.layout, names: [settings.request.certName], interval: settings.watchInterval, reloader: reloader,
            onNewVersions: { _ in wakeUp.ring() }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // The reloader ends with the group: a retry still waiting is dropped, as the process is exiting.
            if let reloader { group.addTask { await reloader.run() } }
            group.addTask { await watcher.run() }
            group.addTask { await self.lookAgainOnHangup(watcher: watcher, wakeUp: wakeUp) }
            group.addTask { await IdleMemoryTrimmer.run() }
            group.addTask { try await self.renewalLoop(wakeUp: wakeUp, watcher: watcher) }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// SIGHUP: look at the volume and the schedule now.
    private func lookAgainOnHangup(watcher: VersionWatcher, wakeUp: WakeUpCall) async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            settings.logger.info("SIGHUP: looking at the volume and the schedule now", metadata: ["cert": "\(settings.request.certName)"])
            watcher.pokes.ring()
            wakeUp.ring()
        }
    }

    // MARK: - Renewal

    private func renewalLoop(wakeUp: WakeUpCall, watcher: VersionWatcher) async throws {
        let logger = settings.logger
        let renewalInformation: RenewalInformationSource? =
            if case .acme(let acme) = settings.issuer {
                RenewalInformationSource(session: settings.sessions.session(for: acme, layout: settings.layout), logger: logger)
            } else {
                nil
            }
        var draw: (version: String?, unit: Double)?
        var lastFailure: Date?
        var isFirstAttempt = true
        var lastAnnounced: String?
        let expiryRisk = ExpiryRiskReporter(certName: settings.request.certName, logger: logger)
        while !Task.isCancelled {
            let now = Date()
            let installed = try? settings.request.installed(on: settings.layout)
            let current = installed.map(currentCertificate)
            var information: ACMERenewalInfo?
            if let installed, current?.isUsable == true {
                information = await renewalInformation?.information(for: installed, now: now)
            }
            // One draw per version: deciding again (after a wake-up or an ARI refresh) keeps the moment.
            let randomUnit: Double
            if let draw, draw.version == current?.version {
                randomUnit = draw.unit
            } else {
                randomUnit = Double.random(in: 0..<1)
                draw = (current?.version, randomUnit)
            }
            let gate = gateDecision(installed: current?.isUsable == true ? installed : nil, now: now)
            await expiryRisk.report(gate, certificate: installed, notifier: notifier)
            let step = RenewalStep.next(
                current: current, gateOpensAt: gate.opensAt, lastFailure: lastFailure,
                retryFloor: settings.retryFloor / .seconds(1), renewalInformation: information, now: now, randomUnit: randomUnit)
            record(step)
            switch step {
            case .wait(let until, _, let reason):
                let announcement = "\(until.formatted(.iso8601)) \(reason)"
                if announcement != lastAnnounced {
                    logger.info(
                        "next check", metadata: ["cert": "\(settings.request.certName)", "at": "\(until.formatted(.iso8601))", "why": "\(reason)"])
                    lastAnnounced = announcement
                }
                // At most an hour at a time: a suspended host or a jumped clock is noticed within the hour.
                let seconds = min(max(until.timeIntervalSince(now), 0), 3_600)
                await wakeUp.sleep(for: .milliseconds(Int64((seconds * 1_000).rounded(.up))))
            case .issue(let purpose, let reason):
                logger.info("renewing", metadata: ["cert": "\(settings.request.certName)", "why": "\(reason)"])
                lastAnnounced = nil
                do {
                    lastFailure = try await attempt(purpose) ? nil : Date()
                } catch let error where isFirstAttempt && error.code == .badInput {
                    throw error
                } catch {
                    // Shutting down mid-attempt: the lease was released on the way out; nothing to report.
                    guard !Task.isCancelled else { return }
                    lastFailure = Date()
                    logger.error("\(error)", metadata: ["cert": "\(settings.request.certName)"])
                    await notifier.notify(.issuanceFailed, message: "\(error)", details: nextAttemptDetails())
                }
                isFirstAttempt = false
                watcher.pokes.ring()
            }
        }
    }

    /// Runs one ensure; true when a usable certificate is there afterwards without a failure to report.
    private func attempt(_ purpose: EnsurePurpose) async throws(SidecertError) -> Bool {
        let logger = settings.logger
        let name = settings.request.certName
        switch try await settings.ensureOperation(purpose).run() {
        case .issued(let certificate):
            logger.notice(
                "renewed",
                metadata: ["cert": "\(name)", "serial": "\(certificate.serialHex)", "notAfter": "\(certificate.notAfter.formatted(.iso8601))"])
            await notifier.notify(
                .renewed, message: "issued serial \(certificate.serialHex), valid until \(certificate.notAfter.formatted(.iso8601))",
                details: ["SIDECERT_SERIAL": certificate.serialHex, "SIDECERT_NOT_AFTER": certificate.notAfter.formatted(.iso8601)])
            return true
        case .publishedByAnotherReplica(let certificate):
            logger.info("another replica renewed it", metadata: ["cert": "\(name)", "serial": "\(certificate.serialHex)"])
            return true
        case .alreadyUsable:
            return true
        case .keptCurrent(let certificate, let warning):
            logger.warning(
                "renewal failed; still serving the current certificate",
                metadata: ["cert": "\(name)", "why": "\(warning)", "notAfter": "\(certificate.notAfter.formatted(.iso8601))"])
            var details = nextAttemptDetails()
            details["SIDECERT_SERIAL"] = certificate.serialHex
            details["SIDECERT_NOT_AFTER"] = certificate.notAfter.formatted(.iso8601)
            await notifier.notify(.issuanceFailed, message: warning, details: details)
            return false
        }
    }

    private func currentCertificate(_ installed: InstalledCertificate) -> RenewalStep.Current {
        RenewalStep.Current(
            version: installed.version, notBefore: installed.notBefore, notAfter: installed.notAfter,
            isUsable: settings.request.usability(of: installed, now: Date()) == .usable)
    }

    /// The guards' decision on the next order, with `installed` the usable certificate it would renew.
    private func gateDecision(installed: InstalledCertificate?, now: Date) -> IssuanceGateDecision {
        let ledger = (try? IssuanceLedger.load(layout: settings.layout, name: settings.request.certName).ledger) ?? IssuanceLedger()
        return IssuanceGate(limits: settings.issuer.rateLimits).decision(
            ledger: ledger, names: settings.request.names.values, renewing: installed.map { IssuanceGate.Renewal($0, issuer: settings.issuer) },
            now: now, force: false)
    }

    private func nextAttemptDetails() -> [String: String] {
        let installed = try? settings.request.installed(on: settings.layout)
        let usable = installed.flatMap { settings.request.usability(of: $0, now: Date()) == .usable ? $0 : nil }
        return gateDecision(installed: usable, now: Date()).opensAt.map { ["SIDECERT_NEXT_ATTEMPT": $0.formatted(.iso8601)] } ?? [:]
    }

    /// What `/metrics` reports of the plan (the live certificate is read from the volume at every scrape).
    private func record(_ step: RenewalStep) {
        let name = settings.request.certName
        switch step {
        case .wait(_, let renewAt, _): schedule.set(renewAt, for: name)
        case .issue: schedule.set(Date(), for: name)
        }
    }
}
