import ArgumentParser
import Foundation
import Logging
import Sidecert
import SidecertVolume

/// `sidecert ensure`: return 0 as soon as a usable certificate is on the volume; issue (once, fleet-wide)
/// only if none is.
struct EnsureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensure",
        abstract: "Make sure a usable certificate is on the volume, issuing at most once for the whole fleet.",
        discussion: """
            For Kubernetes init containers, CI, cron and pre-start hooks. With a usable certificate already \
            on the volume this takes milliseconds and touches neither the lease nor the network.
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

/// What `ensure` and `renew` share: their flags, turned into an ``EnsureOperation``, and its outcome.
struct EnsureFlags: ParsableArguments {
    @OptionGroup var storage: StorageOptions
    @OptionGroup var certificate: CertificateOptions
    @OptionGroup var issuance: IssuanceOptions
    @OptionGroup(title: "DNS-01") var dns: DNSChallengeOptions
    @OptionGroup var force: ForceOption
    @OptionGroup var logging: LoggingOptions

    func run() async throws(SidecertError) {
        let settings = Settings.commandLine([storage, certificate, issuance, dns, force, logging])
        let logger = try settings.makeLogger()
        let process = try ProcessSettings(reading: settings)
        var spec = try CertificateSpec(reading: settings)
        TestFaults.applyCALimits(to: &spec)
        let onStep = try TestFaults.stepHook(logger: logger)
        let outcome = try await ACMESessions.withSessions(logger: logger) { sessions throws(SidecertError) in
            try await EnsureOperation(
                layout: process.layout, request: spec.request,
                issuer: spec.issuer.makeIssuer(layout: process.layout, sessions: sessions, logger: logger),
                wait: process.wait, purpose: process.force ? .force : .ensure, leaseDuration: process.leaseDuration, logger: logger, onStep: onStep
            ).run()
        }
        if case .keptCurrent(_, let warning) = outcome {
            logger.warning("kept the current certificate", metadata: ["cert": "\(spec.request.certName)", "why": "\(warning)"])
        }
        let installed = outcome.certificate
        print(
            "\(process.layout.liveDirectory)/\(spec.request.certName): serial \(installed.serialHex), valid until \(installed.notAfter.formatted(.iso8601))"
        )
    }
}
