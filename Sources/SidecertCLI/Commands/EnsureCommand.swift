import ArgumentParser
import Logging
import Sidecert
import SidecertHTTPServer
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `sidecert ensure`: return 0 as soon as a usable certificate is on the volume; issue (once, fleet-wide)
/// only if none is.
struct EnsureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensure",
        abstract: "Make sure a usable certificate is on the volume, issuing at most once for the whole fleet.",
        discussion: """
            For Kubernetes init containers, CI, cron and pre-start hooks. With a usable certificate already \
            on the volume this takes milliseconds and touches neither the lease nor the network. With \
            --certificates, every entry of the file; exit 0 only when every one is usable.
            """
    )

    @OptionGroup var flags: EnsureFlags

    func run() async throws {
        try await flags.run()
    }
}

/// `sidecert renew`: renew now if due (or with `--force`, regardless), issuing if nothing is there.
struct RenewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew the certificate if it is due; with --force, now.",
        discussion: "Same flags and exit codes as ensure."
    )

    @OptionGroup var flags: EnsureFlags

    func run() async throws {
        try await flags.run()
    }
}

/// What `ensure` and `renew` share: their flags, turned into one ``EnsureOperation`` per certificate, and
/// the outcomes.
struct EnsureFlags: ParsableArguments {
    @OptionGroup var storage: StorageOptions
    @OptionGroup var certificate: CertificateOptions
    @OptionGroup var issuance: IssuanceOptions
    @OptionGroup(title: "DNS-01") var dns: DNSChallengeOptions
    @OptionGroup var force: ForceOption
    @OptionGroup var logging: LoggingOptions

    /// The subcommands that take these flags.
    static let commandNames = Set([EnsureCommand.configuration.commandName, RenewCommand.configuration.commandName].compactMap { $0 })

    /// Every flag of the groups above: what ``PlainCommandLine`` accepts for ``commandNames``.
    static var settings: [Setting] {
        StorageOptions.settings + CertificateOptions.settings + IssuanceOptions.settings + DNSChallengeOptions.settings
            + ForceOption.settings + LoggingOptions.settings
    }

    /// The settings of `arguments` (the executable's name left out) when they are one of ``commandNames``
    /// followed by plain flags: `sidecert ensure` read without ArgumentParser (see ``PlainCommandLine``).
    static func plainCommandLine(_ arguments: ArraySlice<String>) -> Settings? {
        guard let command = arguments.first, commandNames.contains(command),
            let flags = PlainCommandLine.flags(arguments.dropFirst(), accepting: settings)
        else { return nil }
        return .commandLine(flags: flags, environment: ProcessInfo.processInfo.environment)
    }

    /// The groups as ArgumentParser filled them in.
    var groups: [any SettingFlags] { [storage, certificate, issuance, dns, force, logging] }

    func run() async throws(SidecertError) {
        try await Self.run(Settings.commandLine(groups))
    }

    /// Ensures every certificate `settings` ask for, however the command line was read.
    static func run(_ settings: Settings) async throws(SidecertError) {
        let logger = try settings.makeLogger()
        var process = try ProcessSettings(reading: settings)
        TestFaults.compressBudgetHour(of: &process)
        var specs = try settings.certificateSpecs()
        for index in specs.indices { TestFaults.applyCALimits(to: &specs[index]) }
        try process.requireExistingStorage(for: specs, source: settings.origin(of: .storage))
        let onStep = try TestFaults.stepHook(logger: logger)
        let listeners = try ChallengeListeners(reading: settings)
        let clock = try TestFaults.wallClock()
        let failures = await ACMESessions.withSessions(logger: logger) { sessions in
            var failures: [(name: String, error: SidecertError)] = []
            for spec in specs {
                do throws(SidecertError) {
                    try await Self.ensure(
                        spec, process: process, sessions: sessions, listeners: listeners, onStep: onStep, clock: clock, logger: logger)
                } catch {
                    failures.append((spec.request.certName, error))
                }
            }
            return failures
        }
        guard let first = failures.first else { return }
        guard specs.count > 1 else { throw first.error }
        for failure in failures {
            StandardError.write("sidecert: error: \(failure.name): \(failure.error)\n")
        }
        let code = [SidecertError.Code.badInput, .failure, .tryLater].first { code in failures.contains { $0.error.code == code } } ?? .failure
        throw SidecertError(
            code, "\(failures.count) of \(specs.count) certificates are not usable: \(failures.map(\.name).joined(separator: ", "))",
            hint: "the lines above say why, one per certificate")
    }

    /// Ensures one certificate and prints where it is.
    private static func ensure(
        _ spec: CertificateSpec, process: ProcessSettings, sessions: ACMESessions, listeners: ChallengeListeners, onStep: @escaping IssuanceStepHook,
        clock: WallClock, logger: Logger
    ) async throws(SidecertError) {
        var operation = EnsureOperation(
            layout: process.layout, request: spec.request,
            issuer: spec.issuer.makeIssuer(layout: process.layout, sessions: sessions, listeners: listeners, logger: logger),
            wait: process.wait, purpose: process.force ? .force : .ensure, leaseDuration: process.leaseDuration, logger: logger, onStep: onStep)
        operation.now = { clock.now() }
        operation.orderBudget = process.orderBudget(logger: logger)
        let outcome = try await operation.run()
        if case .keptCurrent(_, let warning) = outcome {
            logger.warning("kept the current certificate", metadata: ["cert": "\(spec.request.certName)", "why": "\(warning)"])
        }
        let installed = outcome.certificate
        if spec.request.keyTypes.count == 1, installed.keyType != spec.request.keyType {
            // A changed --key-type costs no certificate now; say when it takes effect rather than keep it silently.
            logger.notice(
                "the certificate is \(installed.keyType.rawValue), not the \(spec.request.keyType.rawValue) asked for: it serves until its renewal brings \(spec.request.keyType.rawValue)",
                metadata: ["cert": "\(installed.name)", "renewal": "\(installed.renewalDate.formatted(.iso8601))"])
        }
        print(
            "\(process.layout.liveDirectory)/\(installed.name): serial \(installed.serialHex), valid until \(installed.notAfter.formatted(.iso8601))"
        )
    }
}
