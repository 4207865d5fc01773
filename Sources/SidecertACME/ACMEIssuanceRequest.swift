/// What to ask the CA for in one order.
package struct ACMEIssuanceRequest: Sendable {
    /// The names on the certificate, exactly as the CSR lists them.
    package var identifiers: [ACMEIdentifier]
    /// The DER-encoded PKCS#10 certificate signing request, signed by the certificate key (never the account key).
    package var csrDER: [UInt8]
    /// The ACME profile (`classic`, `tlsserver`, `shortlived`, …); `nil` for the CA's default. It must be one the
    /// directory advertises, otherwise issuance fails before any order is created.
    package var profile: String?
    /// The ARI certificate ID (``ACMEClient/certificateID(for:)``) of the certificate this one renews. Sent as
    /// `replaces` when the CA offers ARI, which exempts the renewal from most rate limits.
    package var replaces: String?

    /// Creates a request.
    package init(identifiers: [ACMEIdentifier], csrDER: [UInt8], profile: String? = nil, replaces: String? = nil) {
        self.identifiers = identifiers
        self.csrDER = csrDER
        self.profile = profile
        self.replaces = replaces
    }
}
