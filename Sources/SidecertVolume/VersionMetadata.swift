#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `meta.json` in a version directory: where the certificate came from, for `status` and for humans.
///
/// Never needed to serve a certificate; the fast path does not read it.
package struct VersionMetadata: Codable, Sendable, Equatable {
    /// Who produced a certificate; the kind is also part of the version's directory name so that
    /// loading `live/<name>` knows a placeholder without reading this file.
    package enum IssuerKind: String, Codable, Sendable, CaseIterable {
        /// Issued by an ACME CA.
        case acme
        /// Issued by Sidecert's embedded local CA.
        case localCA = "local-ca"
        /// Brought by an operator with `sidecert import`.
        case imported = "import"
        /// A self-signed stand-in so a frontend can start; never usable, always replaced.
        case placeholder
    }

    /// Who produced the certificate.
    package var issuerKind: IssuerKind
    /// When it was obtained (not the certificate's notBefore, which CAs backdate).
    package var issuedAt: Date
    /// The CA's other chains (`Link: rel="alternate"`), to pick a different root later without reissuing.
    package var alternateChainURLs: [String]
    /// The key types of the version's certificates, the primary first (nil in versions written before
    /// several key types per version existed: one, in the plain file names).
    package var keyTypes: [String]?

    package init(issuerKind: IssuerKind, issuedAt: Date, alternateChainURLs: [String] = [], keyTypes: [String]? = nil) {
        self.issuerKind = issuerKind
        self.issuedAt = issuedAt
        self.alternateChainURLs = alternateChainURLs
        self.keyTypes = keyTypes
    }
}
