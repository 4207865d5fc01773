import ArgumentParser
import Logging
import Sidecert
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `sidecert status`: what is on the volume, in words or as JSON.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the certificates on the volume, the lease holders, backoffs and the ledger; the counts first.",
        discussion: """
            Every certificate on the volume, or those named (status NAME... or --cert-name), or those of \
            --certificates FILE, each judged against its entry. --domain and --required-usage judge the \
            certificates shown against those names and usages instead; --domain alone shows only the certificate \
            ensure would keep for those names (under the first one's name, or wherever a usable one for exactly \
            those names is).
            """
    )

    @OptionGroup var storage: StorageOptions
    @OptionGroup var selection: StatusSelection

    @Argument(help: ArgumentHelp("Only these certificates (their names under live/).", valueName: "name"))
    var names: [String] = []

    @Flag(name: .setting(.json), help: .setting(.json))
    var json = false

    @Flag(name: .setting(.check), help: .setting(.check))
    var check = false

    func run() async throws {
        let settings = Settings.commandLine([storage, selection])
        let layout = try settings.volumeLayout(mustExist: true)
        let selected: StatusReport.Selection
        if let path = settings.string(.certificates) {
            selected = .requests(try CertificatesFile.load(path: path).requests(over: settings))
        } else {
            let requirements = try StatusReport.Requirements(
                domains: settings.list(.domain), domainSource: settings.origin(of: .domain),
                requiredUsages: settings.list(.requiredUsage), usageSource: settings.origin(of: .requiredUsage),
                keyTypes: settings.list(.keyType), keyTypeSource: settings.origin(of: .keyType))
            var shown = names + (settings.string(.certName).map { [$0] } ?? [])
            if shown.isEmpty, !settings.list(.domain).isEmpty {
                // --domain alone: the one certificate ensure would keep for these names, wherever it is.
                shown = [CertNameChoice.settled(try CertificateRequest(reading: settings), layout: layout, now: Date()).request.certName]
            }
            selected = .volume(names: shown, requirements: requirements)
        }
        let budget = OrderBudget(layout: layout, perHour: try ProcessSettings.maxOrdersPerHour(settings), logger: .init(label: "status"))
        let report = StatusReport.gather(layout: layout, selection: selected, budget: budget, now: try TestFaults.wallClock().now())
        print(json ? try report.jsonText() : report.text(), terminator: "")
        if check, report.certificates.isEmpty || report.certificates.contains(where: { !$0.usable }) {
            throw ExitCode.failure
        }
    }
}

/// Which certificates `status` shows and what it judges them against.
struct StatusSelection: SettingFlags {
    @Option(
        name: .setting(.certificates), help: .setting(.certificates, summary: "Show the certificates of this file, each judged against its entry."))
    var certificates: String?

    @Option(name: .setting(.certName), help: .setting(.certName, summary: "Only this certificate."))
    var certName: String?

    @Option(name: .setting(.domain), help: .setting(.domain, summary: "Also judge usability against these names; repeatable."))
    var domains: [String] = []

    @Option(name: .setting(.requiredUsage), help: .setting(.requiredUsage, summary: "Also require this extended key usage; repeatable."))
    var requiredUsages: [String] = []

    @Option(name: .setting(.maxOrdersPerHour), help: .setting(.maxOrdersPerHour))
    var maxOrdersPerHour: String?

    @Option(
        name: .setting(.keyType),
        help: .setting(
            .keyType, summary: "Also require a certificate of each of these key types, the first in fullchain.pem; repeatable."))
    var keyTypes: [String] = []

    static let fields: [SettingField<StatusSelection>] = [
        .value(.certificates, \.certificates),
        .value(.certName, \.certName),
        .list(.domain, \.domains),
        .list(.requiredUsage, \.requiredUsages),
        .value(.maxOrdersPerHour, \.maxOrdersPerHour),
        .list(.keyType, \.keyTypes),
    ]
}
