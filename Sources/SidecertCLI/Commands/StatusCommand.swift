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

    @Option(name: .customLong("cert-name"), help: ArgumentHelp("Only this certificate. (env SIDECERT_CERT_NAME)", valueName: "name"))
    var certName: String?

    @Option(
        name: .customLong("domain"),
        help: ArgumentHelp("Also judge usability against these names; repeatable. (env SIDECERT_DOMAINS)", valueName: "name"))
    var domains: [String] = []

    @Option(
        name: .customLong("required-usage"),
        help: ArgumentHelp("Also require this extended key usage; repeatable. (env SIDECERT_REQUIRED_USAGES)", valueName: "usage"))
    var requiredUsages: [String] = []

    @Flag(name: .customLong("json"), help: "Print JSON for machines.")
    var json = false

    @Flag(
        name: .customLong("check"),
        help: "Exit 1 unless at least one certificate is shown and every one shown is usable (placeholders are not): a container health check.")
    var check = false

    func run() async throws {
        let layout = try storage.layout
        let domains = EnvironmentTwin.list(domains, "SIDECERT_DOMAINS")
        let requirements = try StatusReport.Requirements(
            domains: domains,
            requiredUsages: EnvironmentTwin.list(requiredUsages, "SIDECERT_REQUIRED_USAGES")
        )
        let report = StatusReport.gather(
            layout: layout, certName: EnvironmentTwin.string(certName, "SIDECERT_CERT_NAME"), requirements: requirements, now: Date())
        print(json ? try report.jsonText() : report.text(), terminator: "")
        if check, report.certificates.isEmpty || report.certificates.contains(where: { !$0.usable }) {
            throw ExitCode.failure
        }
    }
}
