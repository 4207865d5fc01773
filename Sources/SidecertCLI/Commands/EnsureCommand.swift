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
    @OptionGroup var logging: LoggingOptions

    func run() async throws(SidecertError) {
        let logger = try logging.makeLogger()
        let layout = try storage.layout
        let request = try certificate.request()
        var operation = EnsureOperation(
            layout: layout,
            request: request,
            issuer: try issuance.issuer(for: request.names),
            wait: try issuance.waitDuration,
            purpose: try issuance.forceValue ? .force : .ensure,
            leaseDuration: try issuance.leaseDurationValue,
            logger: logger
        )
        if let pause = EnvironmentTwin.string(nil, "SIDECERT_TEST_PAUSE_BEFORE_PUBLISH") {
            operation.pauseBeforePublish = try DurationText.parse(pause, flag: "SIDECERT_TEST_PAUSE_BEFORE_PUBLISH")
        }
        let outcome = try await operation.run()
        if case .keptCurrent(_, let warning) = outcome {
            logger.warning("kept the current certificate", metadata: ["cert": "\(request.certName)", "why": "\(warning)"])
        }
        let installed = outcome.certificate
        print(
            "\(layout.liveDirectory)/\(request.certName): serial \(installed.serialHex), valid until \(installed.notAfter.formatted(.iso8601))"
        )
    }
}
