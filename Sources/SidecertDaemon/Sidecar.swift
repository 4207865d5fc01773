import CoreMetrics
import Logging
import ServiceLifecycle
import Sidecert
import SidecertChallenges
import SidecertHTTPServer
import SidecertMetrics
import SidecertVolume
import UnixSignals

/// `sidecert run` put together: the certificate daemon, the HTTP-01 and `acme-tls/1` listeners for the
/// daemon's whole life, the admin endpoints with Prometheus metrics, in one service group that SIGTERM/SIGINT
/// shut down.
///
/// Listeners are bound before the group starts, so a taken port is exit 2 before anything else happens.
package enum Sidecar {
    /// Runs until SIGTERM or SIGINT; throws a configuration error (exit 2) found on the way up.
    ///
    /// - Parameters:
    ///   - listeners: `--http-listen` and `--tls-alpn-listen`: answer HTTP-01 and TLS-ALPN-01 from the volume for
    ///     the daemon's whole life (its issuers open no listeners of their own).
    ///   - adminListen: `--admin-listen`: `/healthz`, `/readyz`, `/metrics`.
    package static func run(
        settings: DaemonSettings, listeners: ChallengeListeners, adminListen: ListenAddress?
    ) async throws {
        let logger = settings.logger
        let specs = try settings.catalog.load()
        let metrics = MetricsStore()
        MetricsSystem.bootstrap(metrics)
        let certificateDaemon = CertificateDaemon(settings: settings, specs: specs)
        var services = [
            ServiceGroupConfiguration.ServiceConfiguration(
                service: certificateDaemon, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup
            )
        ]
        let budget = ListenerBudget.raisingOpenFileLimit(publicListeners: listeners.flagged.count)
        if let httpListen = listeners.http {
            let listener = try await bind(httpListen, flag: "--http-listen") {
                try await HTTP01Listener.bind(
                    host: httpListen.host, port: httpListen.port, limits: budget.http01, challenges: ChallengeDirectory(layout: settings.layout),
                    logger: logger)
            }
            services.append(.init(service: ListenerService { await listener.close() }))
        }
        if let tlsALPNListen = listeners.tlsALPN {
            let listener = try await bind(tlsALPNListen, flag: "--tls-alpn-listen") {
                try await TLSALPN01Listener.bind(
                    host: tlsALPNListen.host, port: tlsALPNListen.port, limits: budget.tlsALPN01,
                    challenges: TLSALPNChallengeDirectory(layout: settings.layout), logger: logger)
            }
            services.append(.init(service: ListenerService { await listener.close() }))
        }
        if let adminListen {
            let endpoints = AdminEndpoints(
                layout: settings.layout, roster: certificateDaemon.roster, metrics: metrics, schedule: certificateDaemon.schedule,
                leaseDuration: settings.leaseDuration, orderBudget: settings.orderBudget)
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
    private static func bind<Listener>(_ address: ListenAddress, flag: String, _ bind: () async throws -> Listener) async throws(SidecertError)
        -> Listener
    {
        do {
            return try await bind()
        } catch {
            throw .badInput("\(flag) \(address) cannot be bound: \(error)", hint: "pick a free address this process may listen on")
        }
    }
}
