import ArgumentParser
import Sidecert

/// The flags only `run` has: how to reload the frontend, what to listen on, whom to tell.
struct DaemonOptions: SettingFlags {
    @Option(name: .setting(.adminListen), help: .setting(.adminListen))
    var adminListen: String?

    @Option(name: .setting(.reloadSignal), help: .setting(.reloadSignal))
    var reloadSignal: String?

    @Option(name: .setting(.reloadPIDFile), help: .setting(.reloadPIDFile))
    var reloadPIDFile: String?

    @Option(name: .setting(.reloadCommand), help: .setting(.reloadCommand))
    var reloadCommand: String?

    @Option(name: .setting(.reloadHAProxySocket), help: .setting(.reloadHAProxySocket))
    var reloadHAProxySocket: String?

    @Flag(name: .setting(.bootstrapSelfSigned), help: .setting(.bootstrapSelfSigned))
    var bootstrapSelfSigned = false

    @Option(name: .setting(.httpProbe), help: .setting(.httpProbe))
    var httpProbe: String?

    @Option(name: .setting(.frontendWait), help: .setting(.frontendWait))
    var frontendWait: String?

    @Option(name: .setting(.notifyCommand), help: .setting(.notifyCommand))
    var notifyCommand: String?

    @Option(name: .setting(.watchInterval), help: .setting(.watchInterval))
    var watchInterval: String?

    static let fields: [SettingField<DaemonOptions>] = [
        .value(.adminListen, \.adminListen),
        .value(.reloadSignal, \.reloadSignal),
        .value(.reloadPIDFile, \.reloadPIDFile),
        .value(.reloadCommand, \.reloadCommand),
        .value(.reloadHAProxySocket, \.reloadHAProxySocket),
        .flag(.bootstrapSelfSigned, \.bootstrapSelfSigned),
        .value(.httpProbe, \.httpProbe),
        .value(.frontendWait, \.frontendWait),
        .value(.notifyCommand, \.notifyCommand),
        .value(.watchInterval, \.watchInterval),
    ]
}
