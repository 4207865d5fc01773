import ArgumentParser
import Logging
import Sidecert

/// `--log-format` and `--log-level`: how this process's log lines look. Logs go to standard error.
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-format"), help: ArgumentHelp("text or json. (env SIDECERT_LOG_FORMAT; default text)", valueName: "format"))
    var format: String?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("trace, debug, info, notice, warning, error or critical. (env SIDECERT_LOG_LEVEL; default info)", valueName: "level"))
    var level: String?

    /// Installs the chosen handler and returns the program's logger.
    func makeLogger() throws(SidecertError) -> Logger {
        let levelText = EnvironmentTwin.string(level, "SIDECERT_LOG_LEVEL")?.lowercased() ?? "info"
        guard let logLevel = Logger.Level(rawValue: levelText) else {
            throw .badInput("--log-level '\(levelText)' is not a log level", hint: "use trace, debug, info, notice, warning, error or critical")
        }
        let formatText = EnvironmentTwin.string(format, "SIDECERT_LOG_FORMAT")?.lowercased() ?? "text"
        guard let logFormat = StandardErrorLogHandler.Format(rawValue: formatText) else {
            throw .badInput("--log-format '\(formatText)' is not a log format", hint: "use text or json")
        }
        var logger = Logger(label: "sidecert") { _ in StandardErrorLogHandler(format: logFormat) }
        logger.logLevel = logLevel
        return logger
    }
}
