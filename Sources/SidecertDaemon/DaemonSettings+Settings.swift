import Logging
import Sidecert
import SidecertReload

extension DaemonSettings {
    /// What `run` is told: the certificates, the process-wide settings, and `run`'s own settings (how to reload
    /// the frontend, whom to tell, how often to look at the volume). Errors name where a bad value came from.
    package init(
        reading settings: Settings, catalog: CertificateCatalog, process: ProcessSettings, sessions: ACMESessions, logger: Logger
    ) throws(SidecertError) {
        self.init(
            layout: process.layout, catalog: catalog, wait: process.wait, leaseDuration: process.leaseDuration,
            watchInterval: try Self.watchInterval(settings), bootstrapSelfSigned: try settings.bool(.bootstrapSelfSigned),
            reloader: try Self.reloader(settings, logger: logger), notifyCommand: settings.string(.notifyCommand), sessions: sessions,
            logger: logger)
        orderBudget = process.orderBudget(logger: logger)
        frontendWait = try settings.duration(.frontendWait, default: .seconds(120))
        httpProbe = try settings.string(.httpProbe).map { text throws(SidecertError) in
            try FrontendProbe.baseURL(parsing: text, source: settings.origin(of: .httpProbe))
        }
    }

    private static func watchInterval(_ settings: Settings) throws(SidecertError) -> Duration {
        let interval = try settings.duration(.watchInterval, default: .seconds(5))
        guard interval >= .milliseconds(100) else { throw .badInput("\(settings.origin(of: .watchInterval)) must be at least 100ms") }
        return interval
    }

    /// The one way to reload this replica's frontend; nil when none is configured.
    private static func reloader(_ settings: Settings, logger: Logger) throws(SidecertError) -> (any FrontendReloader)? {
        let signal = settings.string(.reloadSignal)
        let pidFile = settings.string(.reloadPIDFile)
        let command = settings.string(.reloadCommand)
        let socket = settings.string(.reloadHAProxySocket)
        let chosen = [(Setting.reloadPIDFile, pidFile), (.reloadCommand, command), (.reloadHAProxySocket, socket)]
            .filter { $0.1 != nil }.map { "\(settings.origin(of: $0.0))" }
        guard chosen.count <= 1 else {
            throw .badInput("\(chosen.joined(separator: " and ")) both say how to reload the frontend", hint: "give only one of them")
        }
        if let signal, pidFile == nil {
            throw .badInput(
                "\(settings.origin(of: .reloadSignal)) \(signal) needs --reload-pidfile",
                hint: "give the frontend master's pid file, e.g. /run/nginx.pid")
        }
        if let pidFile {
            let parsed: ReloadSignal
            do {
                parsed = try ReloadSignal(parsing: signal ?? "HUP")
            } catch {
                throw .badInput("\(settings.origin(of: .reloadSignal)): \(error)", hint: "use HUP (nginx), USR2 (haproxy master) or USR1")
            }
            return SignalReloader(signal: parsed, pidFile: pidFile)
        }
        if let command { return CommandReloader(command: command, logger: logger) }
        if let socket { return HAProxyRuntimeReloader(socketPath: socket) }
        return nil
    }
}
