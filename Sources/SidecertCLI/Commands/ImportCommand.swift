import ArgumentParser
import Sidecert
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `sidecert import`: seed the volume with existing certificates and keys: an operator's files, or
/// everything certbot, lego or Traefik keeps, so moving to Sidecert issues nothing.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Seed the volume with existing certificates and keys, so nothing is issued for them.",
        usage: """
            sidecert import [--storage <dir>] --cert <file> --key <file> [--chain <file>] [--cert-name <name>]
            sidecert import [--storage <dir>] --cert <ecdsa.pem> --key <ecdsa.key> --cert <rsa.pem> --key <rsa.key>
            sidecert import [--storage <dir>] --from certbot|lego|traefik <source>
            """,
        discussion: """
            Sources (--from):
              files    (the default) one certificate: --cert, --key, --chain, --cert-name;
                       repeat --cert and --key (and --chain) for one certificate per
                       key type, same names, in order: the first in fullchain.pem,
                       privkey.pem, …, the others in fullchain.<key type>.pem, …
              certbot  every live/<name>/ of certbot's config directory;
                       the cert-name is <name>
              lego     every certificates/<domain>.crt (+ .issuer.crt) and .key of
                       lego's .lego directory (or of its certificates/ folder);
                       _.example.com becomes _wildcard.example.com
              traefik  every certificate of every resolver in Traefik v2/v3's
                       acme.json; the cert-name is domain.main, *. as _wildcard.

            Examples:
              sidecert import --cert site.pem --key site.key
              sidecert import --cert ec.pem --key ec.key --cert rsa.pem --key rsa.key
              sidecert import --from certbot /etc/letsencrypt
              sidecert import --from lego ~/.lego
              sidecert import --from traefik /data/acme.json

            Everything is read and checked, each certificate as `ensure` judges one, before \
            anything is written. Bad or partial input exits 2 and writes nothing: a source \
            that cannot be read completely, a layout that is not the named tool's, malformed \
            JSON, a corrupt file, a key that does not match its certificate, a name that is not \
            a safe directory name (../x), a link leading outside the source directory \
            (certbot's live/ links into its archive/ are followed), two certificates of one \
            key type, or a pair whose certificates are not for the same names.

            From certbot, lego and traefik, a well-formed certificate that is expired or not yet \
            valid is a leftover: it is skipped and reported (exit 0), as is one already on the \
            volume (same serial) and the earlier-expiring of two for one name. If nothing usable \
            is left, exit 2. With --from files, each certificate given must be valid now (exit 2).

            Standard output lists what was imported and what was skipped, and why. A \
            certificate's own names are what `ensure --domain` must ask for to use it.
            """
    )

    @OptionGroup var storage: StorageOptions
    @OptionGroup var source: ImportSourceOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let settings = Settings.commandLine([storage, source, logging])
        let logger = try settings.makeLogger()
        let layout = try settings.volumeLayout()
        let report = try await ImportOperation(
            layout: layout, source: try ImportSourceKind.source(reading: settings), wait: .seconds(60), logger: logger
        )
        .run()
        print(report.text(), terminator: "")
    }
}

/// Where `import` takes certificates from: `--from` and its SOURCE, or the `files` flags.
struct ImportSourceOptions: SettingFlags {
    @Option(name: .setting(.importFrom), help: .setting(.importFrom))
    var from: ImportSourceKind?

    @Argument(help: .setting(.importSource))
    var source: String?

    @Option(name: .setting(.importCertificate), help: .setting(.importCertificate))
    var certificates: [String] = []

    @Option(name: .setting(.importKey), help: .setting(.importKey))
    var keys: [String] = []

    @Option(name: .setting(.importChain), help: .setting(.importChain))
    var chains: [String] = []

    @Option(
        name: .setting(.certName),
        help: .setting(.certName, summary: "The directory under live/, with --from files (default: the certificate's first name)."))
    var certName: String?

    static let fields: [SettingField<ImportSourceOptions>] = [
        .value(.importFrom, \.from?.rawValue),
        .argument(.importSource, \.source, label: "SOURCE"),
        .list(.importCertificate, \.certificates),
        .list(.importKey, \.keys),
        .list(.importChain, \.chains),
        .value(.certName, \.certName),
    ]
}
