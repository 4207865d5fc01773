import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension ACMEClient {
    /// The `revokeCert` payload (RFC 8555 §7.6).
    private struct Revocation: Encodable {
        var certificate: String
        var reason: Int?
    }

    /// The media type of a certificate chain download (RFC 8555 §9.1).
    static let pemCertificateChainType = "application/pem-certificate-chain"

    /// Downloads a chain: the PEM exactly as sent, and the alternate chains the CA links to.
    func downloadCertificate(from url: URL) async throws -> (chain: String, alternates: [URL]) {
        let response = try await postAsGet(url, accept: Self.pemCertificateChainType)
        let chain = String(decoding: response.body, as: UTF8.self)
        guard chain.contains("-----BEGIN CERTIFICATE-----") else {
            throw ACMEError(
                code: .unreadableDocument,
                message: "The ACME server sent no PEM certificate chain from \(url.absoluteString)."
            )
        }
        return (chain, LinkHeader.urls(withRelation: "alternate", in: response, requestURL: url))
    }

    /// Downloads another chain for an issued certificate, from one of
    /// ``ACMEIssuedCertificate/alternateChainURLs``; the PEM is returned exactly as the CA sent it.
    package func certificateChain(at url: URL) async throws -> String {
        try await downloadCertificate(from: url).chain
    }

    /// Revokes a certificate issued to this account.
    /// - Parameters:
    ///   - certificateDER: the leaf certificate, DER-encoded.
    ///   - reason: an RFC 5280 CRLReason code (e.g. 1 keyCompromise, 4 superseded, 5 cessationOfOperation);
    ///     `nil` for unspecified.
    package func revoke(certificateDER: [UInt8], reason: Int?) async throws {
        guard let revokeURL = try await directory().revokeCert else {
            throw ACMEError(
                code: .notOffered,
                message: "The CA at \(directoryURL.absoluteString) does not offer revocation (revokeCert)."
            )
        }
        _ = try await post(
            revokeURL,
            payload: Revocation(certificate: Base64URL.encode(certificateDER), reason: reason)
        )
        logger.info(
            "ACME certificate revoked",
            metadata: ["acme.reason": "\(reason.map(String.init) ?? "unspecified")"]
        )
    }
}
