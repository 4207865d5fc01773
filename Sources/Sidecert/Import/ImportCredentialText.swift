/// One certificate and its key as an import source holds them: the texts, with the labels messages name them by.
struct ImportCredentialText: Sendable {
    /// The leaf, possibly followed by intermediates.
    var certificate: SourceText
    /// Intermediates kept apart from the leaf (`--chain`, lego's `.issuer.crt`).
    var chain: SourceText?
    /// The leaf's private key.
    var key: SourceText
}
