#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An HTTP request the ACME client asks its ``ACMETransport`` to send.
///
/// ACME needs very little of HTTP: unauthenticated GETs for the directory and renewal information, HEAD for
/// fresh nonces, and JWS-signed POSTs for everything else, so this carries only that.
package struct ACMEHTTPRequest: Sendable {
    /// The HTTP method: ACME uses only GET, HEAD and POST.
    package struct Method: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The method token as sent on the wire.
        package var rawValue: String

        /// Creates a method from its wire token.
        package init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// Directory and renewal-information reads.
        package static let get = Method(rawValue: "GET")
        /// The `newNonce` request: only the `Replay-Nonce` header matters.
        package static let head = Method(rawValue: "HEAD")
        /// Every signed request, POST-as-GET included.
        package static let post = Method(rawValue: "POST")

        package var description: String { rawValue }
    }

    /// The media type of every signed request body (RFC 8555 §6.2); Pebble rejects anything else.
    package static let joseContentType = "application/jose+json"

    /// The HTTP method.
    package var method: Method
    /// The absolute URL, always taken from the directory or from the server's own responses.
    package var url: URL
    /// The request body: a flattened JWS for POSTs, `nil` for GET and HEAD.
    package var body: [UInt8]?
    /// The body's media type, `application/jose+json` for POSTs.
    package var contentType: String?
    /// The media type asked for, used for the certificate download (`application/pem-certificate-chain`).
    package var accept: String?

    /// Creates a request.
    package init(method: Method, url: URL, body: [UInt8]? = nil, contentType: String? = nil, accept: String? = nil) {
        self.method = method
        self.url = url
        self.body = body
        self.contentType = contentType
        self.accept = accept
    }
}
