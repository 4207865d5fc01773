import ArgumentParser
import Sidecert

/// `import --from`: which kind of source the positional SOURCE is (or `files`: `--cert`/`--key`).
enum ImportSourceKind: String, CaseIterable, Sendable, ExpressibleByArgument {
    case files
    case certbot
    case lego
    case traefik

    /// The flag, or its environment twin `variable`, or `files`.
    static func resolve(_ flag: ImportSourceKind?, _ variable: String) throws(SidecertError) -> ImportSourceKind {
        if let flag { return flag }
        guard let text = EnvironmentTwin.string(nil, variable) else { return .files }
        guard let kind = ImportSourceKind(rawValue: text) else {
            throw .badInput("\(variable)='\(text)' is not a source", hint: "use one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
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
