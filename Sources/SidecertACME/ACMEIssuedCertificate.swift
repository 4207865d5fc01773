#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The outcome of a successful order.
package struct ACMEIssuedCertificate: Sendable {
    /// The default chain exactly as the CA sent it: the leaf first, then the intermediates, in PEM.
    package var certificateChainPEM: String
    /// Other chains the CA offers for the same certificate (`Link: rel="alternate"`), fetched with
    /// ``ACMEClient/certificateChain(at:)``.
    package var alternateChainURLs: [URL]
    /// The order's URL, worth recording in the ledger when asking the CA about an issuance.
    package var orderURL: URL

    /// Creates an issued certificate.
    package init(certificateChainPEM: String, alternateChainURLs: [URL], orderURL: URL) {
        self.certificateChainPEM = certificateChainPEM
        self.alternateChainURLs = alternateChainURLs
        self.orderURL = orderURL
    }
}
