import Foundation

/// An HTTP request the ACME client asks its ``ACMETransport`` to send.
///
/// ACME needs very little of HTTP: unauthenticated GETs for the directory and renewal information, HEAD for
/// fresh nonces, and JWS-signed POSTs for everything else, so this carries only that.
public struct ACMEHTTPRequest: Sendable {
    /// The HTTP method: ACME uses only GET, HEAD and POST.
    public struct Method: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The method token as sent on the wire.
        public var rawValue: String

        /// Creates a method from its wire token.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// Directory and renewal-information reads.
        public static let get = Method(rawValue: "GET")
        /// The `newNonce` request: only the `Replay-Nonce` header matters.
        public static let head = Method(rawValue: "HEAD")
        /// Every signed request, POST-as-GET included.
        public static let post = Method(rawValue: "POST")

        public var description: String { rawValue }
    }

    /// The media type of every signed request body (RFC 8555 §6.2); Pebble rejects anything else.
    public static let joseContentType = "application/jose+json"

    /// The HTTP method.
    public var method: Method
    /// The absolute URL, always taken from the directory or from the server's own responses.
    public var url: URL
    /// The request body: a flattened JWS for POSTs, `nil` for GET and HEAD.
    public var body: [UInt8]?
    /// The body's media type, `application/jose+json` for POSTs.
    public var contentType: String?
    /// The media type asked for, used for the certificate download (`application/pem-certificate-chain`).
    public var accept: String?

    /// Creates a request.
    public init(method: Method, url: URL, body: [UInt8]? = nil, contentType: String? = nil, accept: String? = nil) {
        self.method = method
        self.url = url
        self.body = body
        self.contentType = contentType
        self.accept = accept
    }
}
