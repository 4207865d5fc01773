import AsyncHTTPClient
import NIOCore
import NIOSSL

extension HTTPClient.Configuration {
    /// The configuration for talking to an ACME server: system trust roots plus the PEM certificates in
    /// `caBundlePath`, and no redirects (ACME never redirects a signed request; following one would resend it).
    ///
    /// The bundle is read now, so a wrong `--ca-bundle` fails up front with its path instead of as a TLS error
    /// in the middle of an order. Public for owners that keep one client for a daemon's lifetime rather than
    /// using ``AsyncHTTPClientTransport/withTransport(caBundlePath:version:requestTimeout:_:)``.
    package static func acme(caBundlePath: String?) throws -> HTTPClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caBundlePath {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMFile(caBundlePath)
            } catch {
                throw ACMEError(
                    code: .invalidCABundle,
                    message: "Could not read trust roots from \(caBundlePath): \(error).",
                    underlyingError: error
                )
            }
            guard !roots.isEmpty else {
                throw ACMEError(
                    code: .invalidCABundle,
                    message: "The trust roots file \(caBundlePath) holds no PEM certificate."
                )
            }
            tls.additionalTrustRoots = [.certificates(roots)]
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(10))
        )
        // A CA that refuses or drops connections fails the request at once instead of being retried until
        // the connect timeout: the fleet-wide backoff on the volume decides when to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }
}
