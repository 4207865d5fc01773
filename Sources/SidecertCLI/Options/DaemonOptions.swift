import ArgumentParser
import Logging
import Sidecert
import SidecertReload

/// The flags only `run` has: how to reload the frontend, what to listen on, whom to tell.
struct DaemonOptions: ParsableArguments {
    @Option(
        name: .customLong("admin-listen"),
        help: ArgumentHelp("Serve /healthz, /readyz and /metrics (Prometheus) on HOST:PORT. (env SIDECERT_ADMIN_LISTEN)", valueName: "host:port"))
    var adminListen: String?

    @Option(
        name: .customLong("reload-signal"),
        help: ArgumentHelp(
            "Signal the process in --reload-pidfile after each new version: HUP (nginx), USR2 (haproxy master), USR1. (env SIDECERT_RELOAD_SIGNAL; default HUP)",
            valueName: "signal"))
    var reloadSignal: String?

    @Option(
        name: .customLong("reload-pidfile"),
        help: ArgumentHelp(
            "The frontend master's pid file, read at every reload (nginx: /run/nginx.pid). (env SIDECERT_RELOAD_PIDFILE)", valueName: "file"))
    var reloadPIDFile: String?

    @Option(
        name: .customLong("reload-command"),
        help: ArgumentHelp(
            "Run this shell command after each new version; it sees SIDECERT_CERT_NAME, SIDECERT_LIVE_DIR, SIDECERT_VERSION and is killed after 60s. (env SIDECERT_RELOAD_COMMAND)",
            valueName: "command"))
    var reloadCommand: String?

    @Option(
        name: .customLong("reload-haproxy-socket"),
        help: ArgumentHelp(
            "Swap the certificate inside a running haproxy through its admin stats socket (set/commit ssl cert): no reload at all. (env SIDECERT_RELOAD_HAPROXY_SOCKET)",
            valueName: "path"))
    var reloadHAProxySocket: String?

    @Flag(
        name: .customLong("bootstrap-self-signed"),
        help:
            "With nothing on the volume yet, publish a short-lived self-signed placeholder so the frontend can start (and serve HTTP-01); never counted as usable. (env SIDECERT_BOOTSTRAP_SELF_SIGNED)"
    )
    var bootstrapSelfSigned = false

    @Option(
        name: .customLong("notify-command"),
        help: ArgumentHelp(
            "Run this shell command on every failure and each renewal, with SIDECERT_EVENT, SIDECERT_CERT_NAME, SIDECERT_MESSAGE (and SIDECERT_SERIAL, SIDECERT_NOT_AFTER, SIDECERT_NEXT_ATTEMPT). (env SIDECERT_NOTIFY_COMMAND)",
            valueName: "command"))
    var notifyCommand: String?

    @Option(
        name: .customLong("watch-interval"),
        help: ArgumentHelp(
            "How often to look for a version another replica published (one readlink; works on NFS). (env SIDECERT_WATCH_INTERVAL; default 5s)",
            valueName: "duration"))
    var watchInterval: String?

    var adminAddress: ListenAddress? {
        get throws(SidecertError) {
            try EnvironmentTwin.string(adminListen, "SIDECERT_ADMIN_LISTEN").map { text throws(SidecertError) in
                try ListenAddress(parsing: text, flag: "--admin-listen")
            }
        }
    }

    var bootstrapSelfSignedValue: Bool {
        get throws(SidecertError) { try EnvironmentTwin.flag(bootstrapSelfSigned, "SIDECERT_BOOTSTRAP_SELF_SIGNED") }
    }

    var notifyCommandValue: String? { EnvironmentTwin.string(notifyCommand, "SIDECERT_NOTIFY_COMMAND") }

    var watchIntervalValue: Duration {
        get throws(SidecertError) {
            let interval = try DurationText.parse(EnvironmentTwin.string(watchInterval, "SIDECERT_WATCH_INTERVAL") ?? "5s", flag: "--watch-interval")
            guard interval >= .milliseconds(100) else { throw .badInput("--watch-interval must be at least 100ms") }
            return interval
        }
    }

    /// The one way to reload this replica's frontend; nil when none is configured.
    func reloader(logger: Logger) throws(SidecertError) -> (any FrontendReloader)? {
        let signal = EnvironmentTwin.string(reloadSignal, "SIDECERT_RELOAD_SIGNAL")
        let pidFile = EnvironmentTwin.string(reloadPIDFile, "SIDECERT_RELOAD_PIDFILE")
        let command = EnvironmentTwin.string(reloadCommand, "SIDECERT_RELOAD_COMMAND")
        let socket = EnvironmentTwin.string(reloadHAProxySocket, "SIDECERT_RELOAD_HAPROXY_SOCKET")
        let chosen = [
            pidFile.map { _ in "--reload-pidfile" }, command.map { _ in "--reload-command" }, socket.map { _ in "--reload-haproxy-socket" },
        ]
        .compactMap { $0 }
        guard chosen.count <= 1 else {
            throw .badInput("\(chosen.joined(separator: " and ")) both say how to reload the frontend", hint: "give only one of them")
        }
        if let signal, pidFile == nil {
            throw .badInput("--reload-signal \(signal) needs --reload-pidfile", hint: "give the frontend master's pid file, e.g. /run/nginx.pid")
        }
        if let pidFile {
            let parsed: ReloadSignal
            do {
                parsed = try ReloadSignal(parsing: signal ?? "HUP")
            } catch {
                throw .badInput("--reload-signal: \(error)", hint: "use HUP (nginx), USR2 (haproxy master) or USR1")
            }
            return SignalReloader(signal: parsed, pidFile: pidFile)
        }
        if let command {
            return CommandReloader(command: command, logger: logger)
        }
        if let socket {
            return HAProxyRuntimeReloader(socketPath: socket)
        }
        return nil
    }
}
