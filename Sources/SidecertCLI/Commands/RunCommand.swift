import ArgumentParser
import Sidecert
import SidecertDaemon

/// `sidecert run`: the sidecar daemon. Ensures at start, then renews on time, follows the volume, reloads
/// this replica's frontend, and serves HTTP-01 answers and health/metrics endpoints until SIGTERM.
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
        let process = try ProcessSettings(reading: settings)
        // A forced issuance at every start would order a certificate each time a crash-looping sidecar restarts.
        if process.force {
            throw SidecertError.badInput(
                "run does not take \(settings.origin(of: .force))", hint: "renew now with `sidecert renew --force`; the daemon picks it up")
        }
        var spec = try CertificateSpec(reading: settings)
        TestFaults.applyCALimits(to: &spec)
        // The daemon answers HTTP-01 for its whole life (any replica's order may need it), so the issuer
        // must not open its own listener on the same port for each order.
        let httpListen = try settings.listenAddress(.httpListen)
        if case .acme(var acme) = spec.issuer {
            acme.httpListen = nil
            spec.issuer = .acme(acme)
        }
        let onStep = try TestFaults.stepHook(logger: logger)
        let adminListen = try settings.listenAddress(.adminListen)
        try await ACMESessions.withSessions(logger: logger) { sessions in
            var daemonSettings = try DaemonSettings(reading: settings, spec: spec, process: process, sessions: sessions, logger: logger)
            daemonSettings.onStep = onStep
            try await Sidecar.run(settings: daemonSettings, httpListen: httpListen, adminListen: adminListen)
        }
    }
}
