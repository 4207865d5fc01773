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

    func contribute(to layer: inout SettingLayer) {
        layer.flag(.adminListen, adminListen)
        layer.flag(.reloadSignal, reloadSignal)
        layer.flag(.reloadPIDFile, reloadPIDFile)
        layer.flag(.reloadCommand, reloadCommand)
        layer.flag(.reloadHAProxySocket, reloadHAProxySocket)
        layer.flag(.bootstrapSelfSigned, bootstrapSelfSigned)
        layer.flag(.httpProbe, httpProbe)
        layer.flag(.frontendWait, frontendWait)
        layer.flag(.notifyCommand, notifyCommand)
        layer.flag(.watchInterval, watchInterval)
    }
}
