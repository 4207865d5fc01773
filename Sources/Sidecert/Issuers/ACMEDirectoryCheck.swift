import SidecertACME

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a failed read of the ACME directory proves about the configuration.
///
/// The directory is read before the lease and before anything is written, so that a `--ca-bundle` that does
/// not sign the server's certificate, or a `--directory` that is not an ACME directory, is exit 2 with the flag
/// named, and the corrected rerun is not met by a backoff. A CA that is down or overloaded proves nothing
/// about the flags: that failure is left to the order, which records it in the ledger as before.
enum ACMEDirectoryCheck {
    /// The configuration error `error` (from reading the directory at `directoryURL`) proves; nil when it
    /// proves none and the order should go on to fail (and back off) as a CA failure does.
    static func configurationError(_ error: any Error, directoryURL: URL, caBundlePath: String?) -> SidecertError? {
        if let error = error as? SidecertError { return error.code == .badInput ? error : nil }
        guard let error = error as? ACMEError else { return nil }
        let url = directoryURL.absoluteString
        switch error.code {
        case .invalidCABundle:
            return .badInput(
                "--ca-bundle \(caBundlePath ?? "") holds no certificate that can be read",
                hint: "give a PEM file of the CA's root certificate (-----BEGIN CERTIFICATE-----)")
        case .unreachable:
            return untrustedServer(error, directoryURL: directoryURL, caBundlePath: caBundlePath)
        case .notADirectory:
            // No JSON at all: a web page, a proxy's error page, another API.
            return .badInput(
                "--directory is not an ACME directory: \(error.message)",
                hint: "give the directory URL your CA publishes (Let's Encrypt: \(IssuerChoice.letsEncryptProduction.absoluteString))")
        case .invalidResponse:
            return .badInput(
                "--directory \(url) is not an ACME directory: its answer does not list newNonce, newAccount and newOrder",
                hint: "give the directory URL your CA publishes (Let's Encrypt: \(IssuerChoice.letsEncryptProduction.absoluteString))")
        case .problem:
            // 4xx: the URL names nothing the server serves as a directory; 5xx and 429 are the CA's trouble.
            guard let status = error.problem?.status, (400..<500).contains(status), status != 429 else { return nil }
            return .badInput(
                "--directory \(url) answered HTTP \(status): it is not an ACME directory",
                hint: "give the directory URL your CA publishes (Let's Encrypt: \(IssuerChoice.letsEncryptProduction.absoluteString))")
        default:
            return nil
        }
    }

    /// A TLS handshake the server's certificate failed: the trust roots (`--ca-bundle`) or the host in
    /// `--directory` are wrong, which no retry changes. Other connection failures are nil.
    ///
    /// Told apart by BoringSSL's reason in the error's text: the TLS library's error types are not part of
    /// what this module depends on, and the reason names are stable OpenSSL identifiers.
    private static func untrustedServer(_ error: ACMEError, directoryURL: URL, caBundlePath: String?) -> SidecertError? {
        let text = error.underlyingError.map { String(reflecting: $0) } ?? error.message
        let host = directoryURL.host ?? "the ACME server"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            guard let caBundlePath else {
                return .badInput(
                    "the ACME server's certificate is not trusted: \(host) presents a certificate no system root signs",
                    hint: "pass --ca-bundle with the CA that signed it (a private CA's or Pebble's root)")
            }
            return .badInput(
                "the ACME server's certificate is not trusted: --ca-bundle must hold the CA that signed it, and \(caBundlePath) does not",
                hint: "give --ca-bundle the root (or intermediate) that signed \(host)'s certificate")
        }
        if text.contains("failedToValidateHostname") {
            return .badInput(
                "the ACME server's certificate is not for \(host): --directory must name the host its certificate was issued for",
                hint: "use the host name in the CA's certificate (Pebble's is localhost) in --directory")
        }
        return nil
    }
}
