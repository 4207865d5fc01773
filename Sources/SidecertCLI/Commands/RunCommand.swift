import ArgumentParser
import CoreMetrics
import Logging
import Prometheus
import ServiceLifecycle
import Sidecert
import SidecertChallenges
import SidecertDaemon
import SidecertHTTPServer
import SidecertVolume
import UnixSignals

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
    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = try logging.makeLogger()
        let layout = try storage.layout
        let request = try certificate.request()
        // A forced issuance at every start would order a certificate each time a crash-looping sidecar restarts.
        if try issuance.forceValue {
            throw SidecertError.badInput("run does not take --force", hint: "renew now with `sidecert renew --force`; the daemon picks it up")
        }
        var issuer = try issuance.issuer(for: request.names)
        // The daemon answers HTTP-01 for its whole life (any replica's order may need it), so the issuer
        // must not open its own listener on the same port for each order.
        let httpListen = try issuance.httpListenAddress
        if case .acme(var acme) = issuer {
            acme.httpListen = nil
            issuer = .acme(acme)
        }
        var settings = DaemonSettings(
            layout: layout, request: request, issuer: issuer, wait: try issuance.waitDuration, leaseDuration: try issuance.leaseDurationValue,
            watchInterval: try daemon.watchIntervalValue, bootstrapSelfSigned: try daemon.bootstrapSelfSignedValue,
            reloader: try daemon.reloader(logger: logger), notifyCommand: daemon.notifyCommandValue, logger: logger)
        if let pause = EnvironmentTwin.string(nil, "SIDECERT_TEST_PAUSE_BEFORE_PUBLISH") {
            settings.pauseBeforePublish = try DurationText.parse(pause, flag: "SIDECERT_TEST_PAUSE_BEFORE_PUBLISH")
        }

        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let certificateDaemon = CertificateDaemon(settings: settings)
        var services = [
            ServiceGroupConfiguration.ServiceConfiguration(
                service: certificateDaemon, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup
            )
        ]
        let budget = ListenerBudget.raisingOpenFileLimit()
        if let httpListen {
            let listener = try await bind(httpListen, flag: "--http-listen") {
                try await HTTP01Listener.bind(
                    host: httpListen.host, port: httpListen.port, limits: budget.http01, challenges: ChallengeDirectory(layout: layout),
                    logger: logger)
            }
            services.append(.init(service: ListenerService { await listener.close() }))
        }
        if let adminListen = try daemon.adminAddress {
            let endpoints = AdminEndpoints(layout: layout, request: request, registry: registry, schedule: certificateDaemon.schedule)
            let server = try await bind(adminListen, flag: "--admin-listen") {
                try await PlainHTTPServer.bind(host: adminListen.host, port: adminListen.port, limits: budget.admin) { endpoints.respond(to: $0) }
            }
            logger.info("serving /healthz, /readyz and /metrics", metadata: ["listen": "\(adminListen.host):\(server.localPort ?? adminListen.port)"])
            services.append(.init(service: ListenerService { await server.close() }))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// Binds a listener; a taken or forbidden address is the operator's to fix (exit 2).
    private func bind<Listener>(_ address: ListenAddress, flag: String, _ bind: () async throws -> Listener) async throws(SidecertError)
        -> Listener
    {
        do {
            return try await bind()
        } catch {
            throw .badInput("\(flag) \(address) cannot be bound: \(error)", hint: "pick a free address this process may listen on")
        }
    }
}
