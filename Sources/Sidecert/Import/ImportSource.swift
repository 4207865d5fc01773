/// Where `import` takes certificates from (`--from`): an operator's files, or the store another ACME
/// client left behind, so moving to Sidecert needs no new issuance.
package enum ImportSource: Sendable, CustomStringConvertible {
    /// `--cert`, `--key`, `--chain`, `--cert-name`: the certificate the operator names, one pair of files per key
    /// type (an RSA certificate beside an ECDSA one), the main one first; published in one version.
    case files(_ pairs: [ImportFiles], certName: String?)
    /// certbot's config directory (`/etc/letsencrypt`): every lineage under `live/`.
    case certbot(configDirectory: String)
    /// lego's `.lego` directory or its `certificates/` folder: every `<domain>.crt` with its key.
    case lego(directory: String)
    /// Traefik v2/v3's `acme.json`: every certificate of every resolver.
    case traefik(acmeJSON: String)

    /// The source as the command line names it, for the report and messages.
    package var description: String {
        switch self {
        case .files(let pairs, _): pairs.map { "--cert \($0.certificate)" }.joined(separator: " ")
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
        case .files(let pairs, let certName):
            let origin = pairs.map { "--cert \($0.certificate)" }.joined(separator: ", ")
            return [
                ImportCandidate(
                    origin: origin,
                    certName: certName,
                    certNameLabel: certName == nil ? "the first name of --cert \(pairs.first?.certificate ?? "")" : "--cert-name",
                    credentials: try pairs.map { pair throws(SidecertError) in
                        ImportCredentialText(
                            certificate: try SourceText.read(pair.certificate, label: "--cert \(pair.certificate)"),
                            chain: try pair.chain.map { path throws(SidecertError) in try SourceText.read(path, label: "--chain \(path)") },
                            key: try SourceText.read(pair.key, label: "--key \(pair.key)"))
                    }
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
