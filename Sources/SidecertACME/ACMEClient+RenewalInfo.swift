import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension ACMEClient {
    /// Asks the CA when to renew a certificate (RFC 9773).
    ///
    /// - Parameter certificateID: the ARI identifier from ``certificateID(for:)``.
    /// - Returns: the suggested window with the CA's `Retry-After`, or `nil` when the CA does not offer ARI
    ///   (its directory has no `renewalInfo`) and renewal timing is the caller's.
    package func renewalInfo(certificateID: String) async throws -> ACMERenewalInfo? {
        guard let base = try await directory().renewalInfo else { return nil }
        let url = base.appendingPathComponent(certificateID)
        let response = try await get(url)
        var info = try ACMEJSON.decode(ACMERenewalInfo.self, from: response.body, url: url)
        info.retryAfter = RetryAfter.date(from: response.value(forHeader: "Retry-After"), now: Date())
        return info
    }

    /// The ARI certificate identifier (RFC 9773 §4.1): base64url of the authority key identifier, a dot, and
    /// base64url of the serial number's DER content octets. Also what `replaces` takes.
    ///
    /// - Returns: `nil` when the certificate has no authority key identifier (no CA-issued one lacks it).
    package static func certificateID(for leaf: Certificate) -> String? {
        guard let authorityKeyIdentifier = try? leaf.extensions.authorityKeyIdentifier?.keyIdentifier else {
            return nil
        }
        return Base64URL.encode(authorityKeyIdentifier) + "." + Base64URL.encode(derContentOctets(leaf.serialNumber))
    }

    /// The serial number as the content octets of a DER INTEGER: minimal, with a leading zero when the high bit
    /// is set (serial numbers are positive). swift-certificates keeps the bytes without that zero.
    private static func derContentOctets(_ serialNumber: Certificate.SerialNumber) -> [UInt8] {
        let magnitude = Array(serialNumber.bytes.drop { $0 == 0 })
        guard let first = magnitude.first else { return [0] }
        return first & 0x80 == 0 ? magnitude : [0] + magnitude
    }
}
