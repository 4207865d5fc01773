import ArgumentParser
import Sidecert

/// `import --from`: which kind of source the positional SOURCE is (or `files`: `--cert`/`--key`).
enum ImportSourceKind: String, CaseIterable, Sendable, ExpressibleByArgument {
    case files
    case certbot
    case lego
    case traefik

    /// The source the settings name: `--from` and its SOURCE, or `--cert`, `--key`, `--chain` (one of each per key
    /// type) and `--cert-name` for `files`, refusing combinations that mean nothing.
    static func source(reading settings: Settings) throws(SidecertError) -> ImportSource {
        let kind =
            try settings.parsed(.importFrom, as: "a source", hint: "use one of \(allCases.map(\.rawValue).joined(separator: ", "))") {
                ImportSourceKind(rawValue: $0)
            } ?? .files
        let path = settings.string(.importSource)
        let certificates = settings.list(.importCertificate)
        let keys = settings.list(.importKey)
        let chains = settings.list(.importChain)
        let certName = settings.string(.certName)
        if kind == .files {
            if let path {
                throw .badInput(
                    "'\(path)' is a source for --from certbot, lego or traefik; --from files takes --cert and --key",
                    hint: "add --from certbot, lego or traefik, or give the files with --cert and --key")
            }
            return .files(try pairs(certificates: certificates, keys: keys, chains: chains), certName: certName)
        }
        // The environment's SIDECERT_CERT_NAME is meant for ensure and run; only a flag is a mistake here.
        let certNameFlag = settings.value(.certName).flatMap { if case .flag = $0.origin { "--cert-name" } else { nil } }
        let fileFlags: [(String, Bool)] = [
            ("--cert", !certificates.isEmpty), ("--key", !keys.isEmpty), ("--chain", !chains.isEmpty), ("--cert-name", certNameFlag != nil),
        ]
        if let flag = fileFlags.first(where: { $0.1 })?.0 {
            throw .badInput(
                "\(flag) goes with --from files; --from \(kind.rawValue) takes certificates, keys and names from its SOURCE",
                hint: "leave out --cert, --key, --chain and --cert-name")
        }
        guard let path, let resolved = kind.source(at: path) else {
            throw .badInput("--from \(kind.rawValue) needs its SOURCE: \(kind.sourceExample)")
        }
        return resolved
    }

    /// `--cert` and `--key` (and `--chain`) paired in the order given: one pair per key type, the first the main
    /// one. Counts that do not pair up are refused rather than guessed at.
    static func pairs(certificates: [String], keys: [String], chains: [String]) throws(SidecertError) -> [ImportFiles] {
        guard !certificates.isEmpty else { throw .badInput("--cert is required", hint: "give the certificate's PEM file") }
        guard !keys.isEmpty else { throw .badInput("--key is required", hint: "give the private key's PEM file") }
        guard certificates.count == keys.count else {
            throw .badInput(
                "\(certificates.count) --cert but \(keys.count) --key: each certificate needs its key",
                hint: "give --cert and --key in pairs, in the same order (--cert ecdsa.pem --key ecdsa.key --cert rsa.pem --key rsa.key)")
        }
        guard chains.isEmpty || chains.count == certificates.count else {
            throw .badInput(
                "\(chains.count) --chain for \(certificates.count) --cert: an ECDSA and an RSA certificate have different intermediates",
                hint: "give one --chain per --cert, in the same order, or put each certificate's intermediates after it in its --cert file")
        }
        return certificates.indices.map { ImportFiles(certificate: certificates[$0], key: keys[$0], chain: chains.isEmpty ? nil : chains[$0]) }
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
