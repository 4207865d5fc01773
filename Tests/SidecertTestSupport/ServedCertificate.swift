import Foundation

/// What a TLS frontend on 127.0.0.1 presents, fetched with `openssl s_client`: shared by the nginx and
/// haproxy harnesses, so "the frontend serves the new serial" is checked the same way for both.
package enum ServedCertificate {
    /// The leaf certificate (PEM) served on `port` for `serverName`.
    ///
    /// - Parameter clientArguments: more `openssl s_client` options, to be a particular client: `-tls1_2`,
    ///   `-sigalgs ECDSA+SHA256` (a frontend with an RSA and an ECDSA certificate picks by what the client offers).
    package static func pem(port: Int, serverName: String, clientArguments: [String] = []) async throws -> String {
        let output = try await ChildProcess.run(
            "openssl",
            ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", serverName] + clientArguments,
            timeout: .seconds(10)
        )
        let begin = "-----BEGIN CERTIFICATE-----"
        let end = "-----END CERTIFICATE-----"
        guard let start = output.stdout.range(of: begin), let stop = output.stdout.range(of: end) else {
            throw HarnessError("no certificate from 127.0.0.1:\(port)\n\(output.transcript)")
        }
        return String(output.stdout[start.lowerBound..<stop.upperBound]) + "\n"
    }
}
