/// Everything about one certificate: what to ask for (``CertificateRequest``) and whom to ask, how
/// (``IssuerChoice``: the CA, its trust roots and account, the challenge, the profile). What a certificates
/// file entry can set; the process-wide rest is ``ProcessSettings``.
package struct CertificateSpec: Sendable {
    package var request: CertificateRequest
    package var issuer: IssuerChoice

    package init(request: CertificateRequest, issuer: IssuerChoice) {
        self.request = request
        self.issuer = issuer
    }

    /// The certificate `settings` describe.
    package init(reading settings: Settings) throws(SidecertError) {
        let request = try CertificateRequest(reading: settings)
        self.init(request: request, issuer: try IssuerChoice(reading: settings, names: request.names))
    }
}
