import ArgumentParser
import Foundation
import Sidecert
import SidecertVolume

/// `sidecert import`: seed the volume with existing certificates and keys: an operator's files, or
/// everything certbot, lego or Traefik keeps, so moving to Sidecert issues nothing.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Seed the volume with existing certificates and keys, so nothing is issued for them.",
        usage: """
            sidecert import [--storage <dir>] --cert <file> --key <file> [--chain <file>] [--cert-name <name>]
            sidecert import [--storage <dir>] --from certbot|lego|traefik <source>
            """,
        discussion: """
            Sources (--from):
              files    (the default) one certificate: --cert, --key, --chain, --cert-name
              certbot  every live/<name>/ of certbot's config directory;
                       the cert-name is <name>
              lego     every certificates/<domain>.crt (+ .issuer.crt) and .key of
                       lego's .lego directory (or of its certificates/ folder);
                       _.example.com becomes _wildcard.example.com
              traefik  every certificate of every resolver in Traefik v2/v3's
                       acme.json; the cert-name is domain.main, *. as _wildcard.

            Examples:
              sidecert import --cert site.pem --key site.key
              sidecert import --from certbot /etc/letsencrypt
              sidecert import --from lego ~/.lego
              sidecert import --from traefik /data/acme.json

            Everything is read and checked, each certificate as `ensure` judges one, before \
            anything is written. Bad or partial input exits 2 and writes nothing: a source \
            that cannot be read completely, a layout that is not the named tool's, malformed \
            JSON, a corrupt file, a key that does not match its certificate, a name that is not \
            a safe directory name (../x), a link leading outside the source directory \
            (certbot's live/ links into its archive/ are followed).

            From certbot, lego and traefik, a well-formed certificate that is expired or not yet \
            valid is a leftover: it is skipped and reported (exit 0), as is one already on the \
            volume (same serial) and the earlier-expiring of two for one name. If nothing usable \
            is left, exit 2. With --from files, the one certificate must be valid now (exit 2).

            Standard output lists what was imported and what was skipped, and why. A \
            certificate's own names are what `ensure --domain` must ask for to use it.
            """
    )

    @OptionGroup var storage: StorageOptions

    @Option(
        name: .customLong("from"),
        help: ArgumentHelp("Where the certificates come from. (env SIDECERT_IMPORT_FROM; default files)", valueName: "kind"))
    var from: ImportSourceKind?

    @Argument(
        help: ArgumentHelp(
            "certbot's config directory, lego's .lego directory (or its certificates/), or Traefik's acme.json. (env SIDECERT_IMPORT_SOURCE)",
            valueName: "source"))
    var source: String?

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
        help: ArgumentHelp(
            "The directory under live/, with --from files. (env SIDECERT_CERT_NAME, ignored by the other sources; default: the certificate's first name)",
            valueName: "name"))
    var certName: String?

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = try logging.makeLogger()
        let layout = try storage.layout
        let report = try await ImportOperation(layout: layout, source: try importSource(), wait: .seconds(60), logger: logger).run()
        print(report.text(), terminator: "")
    }

    /// The source from `--from`, SOURCE and the file flags, refusing combinations that mean nothing.
    private func importSource() throws(SidecertError) -> ImportSource {
        let kind = try ImportSourceKind.resolve(from, "SIDECERT_IMPORT_FROM")
        let path = EnvironmentTwin.string(self.source, "SIDECERT_IMPORT_SOURCE")
        let certificate = EnvironmentTwin.string(self.certificate, "SIDECERT_IMPORT_CERT")
        let key = EnvironmentTwin.string(self.key, "SIDECERT_IMPORT_KEY")
        let chain = EnvironmentTwin.string(self.chain, "SIDECERT_IMPORT_CHAIN")
        if kind == .files {
            if let path {
                throw .badInput(
                    "'\(path)' is a source for --from certbot, lego or traefik; --from files takes --cert and --key",
                    hint: "add --from certbot, lego or traefik, or give the files with --cert and --key")
            }
            guard let certificate else { throw .badInput("--cert is required", hint: "give the certificate's PEM file") }
            guard let key else { throw .badInput("--key is required", hint: "give the private key's PEM file") }
            return .files(certificate: certificate, key: key, chain: chain, certName: EnvironmentTwin.string(certName, "SIDECERT_CERT_NAME"))
        }
        let fileFlags: [(String, String?)] = [("--cert", certificate), ("--key", key), ("--chain", chain), ("--cert-name", certName)]
        if let flag = fileFlags.first(where: { $0.1 != nil })?.0 {
            throw .badInput(
                "\(flag) goes with --from files; --from \(kind.rawValue) takes certificates, keys and names from its SOURCE",
                hint: "leave out --cert, --key, --chain and --cert-name")
        }
        guard let path, let resolved = kind.source(at: path) else {
            throw .badInput("--from \(kind.rawValue) needs its SOURCE: \(kind.sourceExample)")
        }
        return resolved
    }
}
