import ArgumentParser
import Logging
import Sidecert

/// `--log-format` and `--log-level`: how this process's log lines look. Logs go to standard error.
struct LoggingOptions: SettingFlags {
    @Option(name: .setting(.logFormat), help: .setting(.logFormat))
    var format: String?

    @Option(name: .setting(.logLevel), help: .setting(.logLevel))
    var level: String?

    static let fields: [SettingField<LoggingOptions>] = [
        .value(.logFormat, \.format),
        .value(.logLevel, \.level),
    ]
}

extension Settings {
    /// Installs the log handler `--log-format` and `--log-level` choose and returns the program's logger.
    func makeLogger() throws(SidecertError) -> Logger {
        let logLevel =
            try parsed(.logLevel, as: "a log level", hint: "use trace, debug, info, notice, warning, error or critical") {
                Logger.Level(rawValue: $0.lowercased())
            } ?? .info
        let logFormat =
            try parsed(.logFormat, as: "a log format", hint: "use text or json") { StandardErrorLogHandler.Format(rawValue: $0.lowercased()) }
            ?? .text
        var logger = Logger(label: "sidecert") { _ in StandardErrorLogHandler(format: logFormat) }
        logger.logLevel = logLevel
        return logger
    }
}
