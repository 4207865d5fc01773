import ArgumentParser
import Foundation
import Sidecert

/// `sidecert status`: what is on the volume, in words or as JSON.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every certificate on the volume, the lease holders, backoffs and the ledger."
    )

    @OptionGroup var storage: StorageOptions
    @OptionGroup var selection: StatusSelection

    @Flag(name: .setting(.json), help: .setting(.json))
    var json = false

    @Flag(name: .setting(.check), help: .setting(.check))
    var check = false

    func run() async throws {
        let settings = Settings.commandLine([storage, selection])
        let layout = try settings.volumeLayout()
        let requirements = try StatusReport.Requirements(
            domains: settings.list(.domain), domainSource: settings.origin(of: .domain),
            requiredUsages: settings.list(.requiredUsage), usageSource: settings.origin(of: .requiredUsage),
            keyTypes: settings.list(.keyType), keyTypeSource: settings.origin(of: .keyType))
        let report = StatusReport.gather(layout: layout, certName: settings.string(.certName), requirements: requirements, now: Date())
        print(json ? try report.jsonText() : report.text(), terminator: "")
        if check, report.certificates.isEmpty || report.certificates.contains(where: { !$0.usable }) {
            throw ExitCode.failure
        }
    }
}

/// Which certificates `status` shows and what it judges them against.
struct StatusSelection: SettingFlags {
    @Option(name: .setting(.certName), help: .setting(.certName, summary: "Only this certificate."))
    var certName: String?

    @Option(name: .setting(.domain), help: .setting(.domain, summary: "Also judge usability against these names; repeatable."))
    var domains: [String] = []

    @Option(
        name: .setting(.requiredUsage),
        help: .setting(.requiredUsage, summary: "Also require this extended key usage; repeatable."))
    var requiredUsages: [String] = []

    @Option(
        name: .setting(.keyType),
        help: .setting(
            .keyType, summary: "Also require a certificate of each of these key types, the first in fullchain.pem; repeatable."))
    var keyTypes: [String] = []

    func contribute(to layer: inout SettingLayer) {
        layer.flag(.certName, certName)
        layer.flag(.domain, domains)
        layer.flag(.requiredUsage, requiredUsages)
        layer.flag(.keyType, keyTypes)
    }
}
