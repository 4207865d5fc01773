/// One `--cert`/`--key` pair of `import` (with its `--chain`, when the intermediates are apart): the paths
/// of one credential an operator brings.
package struct ImportFiles: Sendable, Equatable {
    /// The certificate (PEM), possibly followed by its intermediates.
    package var certificate: String
    /// Its private key (PEM).
    package var key: String
    /// Intermediates (PEM), when `certificate` holds only the leaf.
    package var chain: String?

    package init(certificate: String, key: String, chain: String? = nil) {
        self.certificate = certificate
        self.key = key
        self.chain = chain
    }
}
