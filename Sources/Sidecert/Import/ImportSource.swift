/// Where `import` takes certificates from (`--from`): an operator's files, or the store another ACME
/// client left behind, so moving to Sidecert needs no new issuance.
public enum ImportSource: Sendable, CustomStringConvertible {
    /// `--cert`, `--key`, `--chain`, `--cert-name`: one certificate the operator names.
    case files(certificate: String, key: String, chain: String?, certName: String?)
    /// certbot's config directory (`/etc/letsencrypt`): every lineage under `live/`.
    case certbot(configDirectory: String)
    /// lego's `.lego` directory or its `certificates/` folder: every `<domain>.crt` with its key.
    case lego(directory: String)
    /// Traefik v2/v3's `acme.json`: every certificate of every resolver.
    case traefik(acmeJSON: String)

    /// The source as the command line names it, for the report and messages.
    public var description: String {
        switch self {
        case .files(let certificate, _, _, _): "--cert \(certificate)"
        case .certbot(let directory): "--from certbot \(directory)"
        case .lego(let directory): "--from lego \(directory)"
        case .traefik(let file): "--from traefik \(file)"
        }
    }

    /// True when the operator named the one certificate, so one that cannot be served now is bad input;
    /// a whole store may hold expired leftovers, which are skipped and reported.
    var namesOneCertificate: Bool {
        if case .files = self { return true }
        return false
    }

    /// Everything the source holds, read completely (bounded) before any of it is checked or written.
    func candidates() throws(SidecertError) -> [ImportCandidate] {
        switch self {
        case .files(let certificate, let key, let chain, let certName):
            return [
                ImportCandidate(
                    origin: "--cert \(certificate)",
                    certName: certName,
                    certNameLabel: certName == nil ? "the first name of --cert \(certificate)" : "--cert-name",
                    certificate: try SourceText.read(certificate, label: "--cert \(certificate)"),
                    chain: try chain.map { path throws(SidecertError) in try SourceText.read(path, label: "--chain \(path)") },
                    key: try SourceText.read(key, label: "--key \(key)")
                )
            ]
        case .certbot(let directory):
            return try CertbotConfigDirectory(path: directory).candidates()
        case .lego(let directory):
            return try LegoDirectory(path: directory).candidates()
        case .traefik(let file):
            return try TraefikACMEStore(path: file).candidates()
        }
    }
}
