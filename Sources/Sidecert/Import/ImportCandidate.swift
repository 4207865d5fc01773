/// One certificate and key as an import source holds them, read but not yet checked.
struct ImportCandidate: Sendable {
    /// Where in the source it is, for the report: `live/a.example`, `resolver 'le': a.example`.
    var origin: String
    /// The directory under `live/` the source gives it; nil: the certificate's first name.
    var certName: String?
    /// What `certName` comes from, for messages: `--cert-name`, `certbot's live/a.example`.
    var certNameLabel: String
    /// The leaf, possibly followed by intermediates.
    var certificate: SourceText
    /// Intermediates kept apart from the leaf (`--chain`, lego's `.issuer.crt`).
    var chain: SourceText?
    /// The leaf's private key.
    var key: SourceText
}
