import ArgumentParser
import Foundation
import Sidecert
import SidecertVolume

/// `sidecert import`: seed the volume with an existing key and certificate.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Seed the volume with an existing certificate and key, so nothing is issued for it.",
        discussion: """
            The key must match the certificate and the certificate must be valid now; otherwise nothing is \
            written and the exit status is 2. The certificate's own names are what `ensure --domain` must ask \
            for to use it.
            """
    )

    @OptionGroup var storage: StorageOptions

    @Option(
        name: .customLong("cert"),
        help: ArgumentHelp("The certificate (PEM); may hold the intermediates after the leaf. (env SIDECERT_IMPORT_CERT)", valueName: "file"))
    var certificate: String?

    @Option(
        name: .customLong("key"), help: ArgumentHelp("Its private key (PEM: PKCS#8, SEC1 or PKCS#1). (env SIDECERT_IMPORT_KEY)", valueName: "file"))
    var key: String?

    @Option(
        name: .customLong("chain"),
        help: ArgumentHelp("Intermediates (PEM), when --cert holds only the leaf. (env SIDECERT_IMPORT_CHAIN)", valueName: "file"))
    var chain: String?

    @Option(
        name: .customLong("cert-name"),
        help: ArgumentHelp("The directory under live/. (env SIDECERT_CERT_NAME; default: the certificate's first name)", valueName: "name"))
    var certName: String?

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = try logging.makeLogger()
        let layout = try storage.layout
        guard let certificate = EnvironmentTwin.string(certificate, "SIDECERT_IMPORT_CERT") else {
            throw SidecertError.badInput("--cert is required", hint: "give the certificate's PEM file")
        }
        guard let key = EnvironmentTwin.string(key, "SIDECERT_IMPORT_KEY") else {
            throw SidecertError.badInput("--key is required", hint: "give the private key's PEM file")
        }
        let installed = try await ImportOperation(
            layout: layout,
            certificatePath: certificate,
            keyPath: key,
            chainPath: EnvironmentTwin.string(chain, "SIDECERT_IMPORT_CHAIN"),
            certName: EnvironmentTwin.string(certName, "SIDECERT_CERT_NAME"),
            wait: .seconds(60),
            logger: logger
        ).run()
        print(
            "imported \(installed.names.sorted().joined(separator: ", ")) into \(layout.liveDirectory)/\(installed.name): serial \(installed.serialHex), valid until \(installed.notAfter.formatted(.iso8601))"
        )
    }
}
