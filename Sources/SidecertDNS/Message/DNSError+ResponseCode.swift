/// Errors for an answer's RCODE, in words.
extension DNSError {
    /// The server answered `request` (e.g. "the update of zone 'example.com'") with an error RCODE.
    static func rejected(_ code: DNSResponseCode, request: String, server: String) -> DNSError {
        DNSError(
            code: .serverRejected,
            message: "the DNS server at \(server) answered \(request) with \(code): \(code.meaning)",
            responseCode: code
        )
    }
}
