import ArgumentParser
import Sidecert

/// `import --from`: which kind of source the positional SOURCE is (or `files`: `--cert`/`--key`).
enum ImportSourceKind: String, CaseIterable, Sendable, ExpressibleByArgument {
    case files
    case certbot
    case lego
    case traefik

    /// The source the settings name: `--from` and its SOURCE, or `--cert`, `--key`, `--chain` and
    /// `--cert-name` for `files`, refusing combinations that mean nothing.
    static func source(reading settings: Settings) throws(SidecertError) -> ImportSource {
        let kind =
            try settings.parsed(.importFrom, as: "a source", hint: "use one of \(allCases.map(\.rawValue).joined(separator: ", "))") {
                ImportSourceKind(rawValue: $0)
            } ?? .files
        let path = settings.string(.importSource)
        let certificate = settings.string(.importCertificate)
        let key = settings.string(.importKey)
        let chain = settings.string(.importChain)
        let certName = settings.string(.certName)
        if kind == .files {
            if let path {
                throw .badInput(
                    "'\(path)' is a source for --from certbot, lego or traefik; --from files takes --cert and --key",
                    hint: "add --from certbot, lego or traefik, or give the files with --cert and --key")
            }
            guard let certificate else { throw .badInput("--cert is required", hint: "give the certificate's PEM file") }
            guard let key else { throw .badInput("--key is required", hint: "give the private key's PEM file") }
            return .files(certificate: certificate, key: key, chain: chain, certName: certName)
        }
        // The environment's SIDECERT_CERT_NAME is meant for ensure and run; only a flag is a mistake here.
        let certNameFlag = settings.value(.certName).flatMap { if case .flag = $0.origin { "--cert-name" } else { nil } }
        let fileFlags: [(String, String?)] = [("--cert", certificate), ("--key", key), ("--chain", chain), ("--cert-name", certNameFlag)]
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

    /// What SOURCE must be, for the message when it is missing.
    var sourceExample: String {
        switch self {
        case .files: "--cert FILE --key FILE"
        case .certbot: "certbot's config directory, e.g. sidecert import --from certbot /etc/letsencrypt"
        case .lego: "lego's directory, e.g. sidecert import --from lego ./.lego"
        case .traefik: "Traefik's acme.json, e.g. sidecert import --from traefik /data/acme.json"
        }
    }

    /// The source at `path`; nil for `files`, which takes no SOURCE.
    func source(at path: String) -> ImportSource? {
        switch self {
        case .files: nil
        case .certbot: .certbot(configDirectory: path)
        case .lego: .lego(directory: path)
        case .traefik: .traefik(acmeJSON: path)
        }
    }
}
