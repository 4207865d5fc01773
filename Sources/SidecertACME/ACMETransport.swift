/// One HTTP exchange with the ACME server.
///
/// The client speaks ACME on top of this so that tests can plug in a scripted CA and production can use
/// ``AsyncHTTPClientTransport``. Implementations report transport failures (refused connections, TLS errors,
/// timeouts) by throwing; the client turns those into ``ACMEError/Code/unreachable``. HTTP error statuses are
/// not failures here: they come back as an ``ACMEHTTPResponse``.
package protocol ACMETransport: Sendable {
    /// Sends one request and returns the complete response, body included.
    func send(_ request: ACMEHTTPRequest) async throws -> ACMEHTTPResponse
}
