import Crypto
import Foundation
import SwiftASN1
import X509

/// A TLS-ALPN-01 validation done the way a CA's validator does it, with a real TLS client (`openssl
/// s_client`): connect, send SNI and offer `acme-tls/1`, read the certificate, check RFC 8737's rules.
package struct ACMETLSProbe: Sendable {
    /// The ALPN protocol the server chose, as openssl reports it; nil when none was.
    package var negotiatedProtocol: String?
    /// The certificate the server presented (PEM), if the handshake got that far.
    package var certificatePEM: String?
    /// Everything openssl printed, for failure messages.
    package var transcript: String

    /// Handshakes with 127.0.0.1:`port` for `serverName`, offering `protocols` (ALPN; none when empty).
    package static func handshake(port: Int, serverName: String, protocols: [String] = ["acme-tls/1"]) async throws -> ACMETLSProbe {
        var arguments = ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", serverName]
        if !protocols.isEmpty { arguments += ["-alpn", protocols.joined(separator: ",")] }
        // Standard input closed: openssl ends right after the handshake, as a validator does.
        let command = (["exec", "openssl"] + arguments).map { "'\($0)'" }.joined(separator: " ") + " </dev/null"
        let output = try await ChildProcess.run("/bin/sh", ["-c", command], timeout: .seconds(30))
        let text = output.stdout + output.stderr
        var probe = ACMETLSProbe(negotiatedProtocol: nil, certificatePEM: nil, transcript: output.transcript)
        if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ALPN protocol: ") }) {
            probe.negotiatedProtocol = String(line.dropFirst("ALPN protocol: ".count))
        }
        if let start = text.range(of: "-----BEGIN CERTIFICATE-----"), let end = text.range(of: "-----END CERTIFICATE-----") {
            probe.certificatePEM = String(text[start.lowerBound..<end.upperBound]) + "\n"
        }
        return probe
    }

    /// Why the presented certificate is not the validation certificate for `identifier` and
    /// `keyAuthorization` (RFC 8737 §3: exactly that one subject alternative name, the critical
    /// acmeIdentifier extension holding the key authorization's SHA-256), or nil when it is.
    package func problem(identifier expected: GeneralName, keyAuthorization: String) -> String? {
        guard negotiatedProtocol == "acme-tls/1" else { return "acme-tls/1 was not negotiated:\n\(transcript)" }
        guard let certificatePEM else { return "no certificate:\n\(transcript)" }
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
        } catch {
            return "the certificate does not parse: \(error)"
        }
        let names = (try? certificate.extensions.subjectAlternativeNames).flatMap { $0.map(Array.init) } ?? []
        guard names == [expected] else { return "subject alternative names \(names), expected exactly \(expected)" }
        guard let extensionFound = certificate.extensions.first(where: { $0.oid == [1, 3, 6, 1, 5, 5, 7, 1, 31] }) else {
            return "no acmeIdentifier extension"
        }
        guard extensionFound.critical else { return "the acmeIdentifier extension is not critical" }
        let digest = Array(SHA256.hash(data: Array(keyAuthorization.utf8)))
        guard let value = try? ASN1OctetString(derEncoded: extensionFound.value), Array(value.bytes) == digest else {
            return "the acmeIdentifier extension does not hold the key authorization's SHA-256"
        }
        return nil
    }
}
