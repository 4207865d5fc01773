/// One certificate name's credentials as an import source holds them, read but not yet checked: one for each
/// store certbot, lego or Traefik keeps, one or more (one per key type, the main one first) from the
/// operator's `--cert`/`--key` pairs.
struct ImportCandidate: Sendable {
    /// Where in the source it is, for the report: `live/a.example`, `resolver 'le': a.example`.
    var origin: String
    /// The directory under `live/` the source gives it; nil: the certificate's first name.
    var certName: String?
    /// What `certName` comes from, for messages: `--cert-name`, `certbot's live/a.example`.
    var certNameLabel: String
    /// The credentials, the main one (plain file names on the volume) first.
    var credentials: [ImportCredentialText]

    /// A candidate of several credentials, the main one first.
    init(origin: String, certName: String?, certNameLabel: String, credentials: [ImportCredentialText]) {
        self.origin = origin
        self.certName = certName
        self.certNameLabel = certNameLabel
        self.credentials = credentials
    }

    /// A candidate of one credential: what certbot, lego and Traefik keep per name.
    init(origin: String, certName: String?, certNameLabel: String, certificate: SourceText, chain: SourceText?, key: SourceText) {
        self.init(
            origin: origin, certName: certName, certNameLabel: certNameLabel,
            credentials: [ImportCredentialText(certificate: certificate, chain: chain, key: key)])
    }
}
