import Foundation

/// A private CA and a TLS server certificate for `localhost` and 127.0.0.1, made with the `openssl`
/// CLI for one test: Pebble serves its API with it, and clients trust it through `caPath`
/// (sidecert's `--ca-bundle`, curl's `--cacert`).
package struct ThrowawayCA: Sendable {
    /// The CA certificate (PEM): the only root a client needs to trust the server.
    package let caPath: String
    /// The server certificate (PEM, leaf only) for `localhost` and 127.0.0.1.
    package let serverCertificatePath: String
    /// The server's private key (PEM, PKCS #8).
    package let serverKeyPath: String

    /// Writes `ca.pem`, `ca.key`, `server.pem` and `server.key` into `directory`.
    package static func make(in directory: String) async throws -> ThrowawayCA {
        let caPath = directory + "/ca.pem"
        let caKeyPath = directory + "/ca.key"
        let serverCertificatePath = directory + "/server.pem"
        let serverKeyPath = directory + "/server.key"
        let requestPath = directory + "/server.csr"
        let extensionsPath = directory + "/server.ext"
        try await ChildProcess.check(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "7",
                "-subj", "/CN=Sidecert throwaway test CA",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", caKeyPath, "-out", caPath,
            ]
        )
        try await ChildProcess.check(
            "openssl",
            [
                "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=localhost", "-keyout", serverKeyPath, "-out", requestPath,
            ]
        )
        let extensions = """
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth
            subjectAltName=DNS:localhost,IP:127.0.0.1
            subjectKeyIdentifier=hash
            authorityKeyIdentifier=keyid

            """
        try extensions.write(toFile: extensionsPath, atomically: true, encoding: .utf8)
        try await ChildProcess.check(
            "openssl",
            [
                "x509", "-req", "-in", requestPath, "-CA", caPath, "-CAkey", caKeyPath, "-CAcreateserial",
                "-days", "7", "-extfile", extensionsPath, "-out", serverCertificatePath,
            ]
        )
        return ThrowawayCA(
            caPath: caPath,
            serverCertificatePath: serverCertificatePath,
            serverKeyPath: serverKeyPath
        )
    }
}
