import ArgumentParser
import Sidecert
import SidecertDaemon
import SidecertHTTPServer

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `sidecert run`: the sidecar daemon. Ensures at start, then renews on time, follows the volume, reloads
/// this replica's frontend, and serves HTTP-01 and TLS-ALPN-01 answers and health/metrics endpoints until SIGTERM.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Keep the certificate fresh and this replica's frontend reloaded, until SIGTERM.",
        discussion: """
            Starts like ensure (exit 2 on bad configuration), then stays up: renews when the CA's renewal window \
            (ARI) or, without one, a third of the lifetime left (half for 10 days or less) says so, with jitter; \
            only the replica holding the volume's lease renews. Every replica watches live/<name> and reloads \
            its own frontend when the version changes. SIGHUP looks at the volume and the schedule at once; \
            SIGTERM or SIGINT releases the lease and exits 0.
            """
    )

    @OptionGroup var storage: StorageOptions
    @OptionGroup var certificate: CertificateOptions
    @OptionGroup var issuance: IssuanceOptions
    @OptionGroup(title: "DNS-01") var dns: DNSChallengeOptions
    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let settings = Settings.commandLine([storage, certificate, issuance, dns, daemon, logging])
        let logger = try settings.makeLogger()
        var process = try ProcessSettings(reading: settings)
        TestFaults.compressBudgetHour(of: &process)
        // A forced issuance at every start would order a certificate each time a crash-looping sidecar restarts.
        if process.force {
            throw SidecertError.badInput(
                "run does not take \(settings.origin(of: .force))", hint: "renew now with `sidecert renew --force`; the daemon picks it up")
        }
        let catalog: CertificateCatalog =
            if let path = settings.string(.certificates) {
                .file(path, commandLine: settings, adjust: TestFaults.applyCALimits)
            } else {
                .fixed(
                    CertNameChoice.settle(try settings.certificateSpecs(), layout: process.layout, now: Date(), logger: logger),
                    adjust: TestFaults.applyCALimits)
            }
        // The file is checked now, so that a bad one is exit 2 before anything else happens.
        try process.requireExistingStorage(for: try settings.certificateSpecs(), source: settings.origin(of: .storage))
        let onStep = try TestFaults.stepHook(logger: logger)
        // The daemon answers HTTP-01 and TLS-ALPN-01 for its whole life (any replica's order may need it); its
        // issuers open no listeners of their own.
        let listeners = try ChallengeListeners(reading: settings)
        let adminListen = try settings.listenAddress(.adminListen)
        try await ACMESessions.withSessions(logger: logger) { sessions in
            var daemonSettings = try DaemonSettings(reading: settings, catalog: catalog, process: process, sessions: sessions, logger: logger)
            daemonSettings.onStep = onStep
            try await Sidecar.run(settings: daemonSettings, listeners: listeners, adminListen: adminListen)
        }
    }
}
