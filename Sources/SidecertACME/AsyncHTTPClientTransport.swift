import AsyncHTTPClient
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The production ``ACMETransport``: one AsyncHTTPClient `HTTPClient`, so the connection to the CA is kept
/// alive across the whole order.
///
/// The transport does not own the client: use ``withTransport(caBundlePath:version:requestTimeout:_:)`` to get
/// one whose client is shut down when the body returns.
package struct AsyncHTTPClientTransport: ACMETransport {
    /// The pooled client every request goes through.
    package let httpClient: HTTPClient
    /// How long one request may take, connecting included, before it fails as unreachable.
    package var requestTimeout: TimeAmount
    /// Sent as `User-Agent`, which RFC 8555 §6.1 asks clients to set so CAs can tell them apart.
    package var userAgent: String

    /// The largest response body accepted; certificate chains and directories are a few kilobytes.
    static let maximumBodySize = 4 << 20

    /// Wraps a client the caller owns and shuts down.
    /// - Parameter version: Sidecert's version, for the `sidecert/<version>` user agent.
    package init(httpClient: HTTPClient, version: String, requestTimeout: TimeAmount = .seconds(30)) {
        self.httpClient = httpClient
        self.userAgent = "sidecert/\(version)"
        self.requestTimeout = requestTimeout
    }

    /// Runs `body` with a transport over a fresh `HTTPClient` that trusts the system roots plus those in
    /// `caBundlePath` (`--ca-bundle`, e.g. Pebble's test CA), and shuts the client down afterwards.
    package static func withTransport<Result>(
        caBundlePath: String?,
        version: String,
        requestTimeout: TimeAmount = .seconds(30),
        _ body: (AsyncHTTPClientTransport) async throws -> Result
    ) async throws -> Result {
        let configuration = try HTTPClient.Configuration.acme(caBundlePath: caBundlePath)
        return try await HTTPClient.withHTTPClient(configuration: configuration) { httpClient in
            try await body(
                AsyncHTTPClientTransport(httpClient: httpClient, version: version, requestTimeout: requestTimeout)
            )
        }
    }

    /// Sends the request and reads the whole answer within ``requestTimeout``.
    ///
    /// The timeout covers the body too: AsyncHTTPClient's own deadline ends when the head arrives, so a CA (or a
    /// proxy before it) that stalls mid-body would otherwise hold the order, and the fleet's lease, forever.
    package func send(_ request: ACMEHTTPRequest) async throws -> ACMEHTTPResponse {
        let timeout = Duration.nanoseconds(requestTimeout.nanoseconds)
        return try await withThrowingTaskGroup(of: ACMEHTTPResponse.self) { group in
            group.addTask { try await exchange(request) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ACMERequestTimedOut(timeout: timeout)
            }
            defer { group.cancelAll() }
            do {
                return try await group.next()!
            } catch let error as HTTPClientError where error == .deadlineExceeded {
                throw ACMERequestTimedOut(timeout: timeout)
            } catch let error as HTTPClientError where error == .remoteConnectionClosed {
                throw ACMEConnectionClosed()
            } catch HTTPParserError.invalidEOFState {
                throw ACMEConnectionClosed()
            }
        }
    }

    private func exchange(_ request: ACMEHTTPRequest) async throws -> ACMEHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        outgoing.headers.add(name: "User-Agent", value: userAgent)
        if let contentType = request.contentType {
            outgoing.headers.add(name: "Content-Type", value: contentType)
        }
        if let accept = request.accept {
            outgoing.headers.add(name: "Accept", value: accept)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await httpClient.execute(outgoing, timeout: requestTimeout)
        let body = try await response.body.collect(upTo: Self.maximumBodySize)
        return ACMEHTTPResponse(
            status: Int(response.status.code),
            headers: response.headers.map { (name: $0.name, value: $0.value) },
            body: Array(buffer: body)
        )
    }
}
