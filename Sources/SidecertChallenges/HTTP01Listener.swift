import Logging
import SidecertHTTPServer
import SidecertVolume

/// `--http-listen`: answers `GET /.well-known/acme-challenge/<token>` from the volume, and nothing else.
///
/// Reading the volume on every request (rather than remembering what this process wrote) means any
/// replica's listener answers for whichever replica holds the lease.
package struct HTTP01Listener: ChallengeListener {
    static let pathPrefix = "/.well-known/acme-challenge/"

    private let server: PlainHTTPServer

    /// The bound port (the real one when 0 was asked for).
    package var localPort: Int? { server.localPort }

    package static func bind(
        host: String, port: Int, limits: PlainHTTPServer.Limits = .standard, challenges: ChallengeDirectory, logger: Logger
    ) async throws -> HTTP01Listener {
        let server = try await PlainHTTPServer.bind(host: host, port: port, limits: limits) { request in
            answer(request, challenges: challenges)
        }
        logger.info(
            "answering HTTP-01 from the volume",
            metadata: ["listen": "\(host):\(server.localPort ?? port)", "maxConnections": "\(limits.maximumConnections)"])
        return HTTP01Listener(server: server)
    }

    package func close() async {
        await server.close()
    }

    /// Runs `body` with a listener on `address` (none when nil), closing it afterwards.
    package static func whileListening<T: Sendable>(
        on address: (host: String, port: Int)?,
        challenges: ChallengeDirectory,
        logger: Logger,
        _ body: () async throws -> T
    ) async throws -> T {
        guard let address else { return try await body() }
        return try await closing(try await bind(host: address.host, port: address.port, challenges: challenges, logger: logger), after: body)
    }

    /// The token's key authorization from the volume, or 404 for anything else.
    static func answer(_ request: PlainHTTPRequest, challenges: ChallengeDirectory) -> PlainHTTPResponse {
        guard request.method == "GET" || request.method == "HEAD", request.uri.hasPrefix(pathPrefix) else { return .notFound }
        let token = String(request.uri.dropFirst(pathPrefix.count))
        guard let keyAuthorization = (try? challenges.read(token: token)).flatMap({ $0 }) else { return .notFound }
        return PlainHTTPResponse(status: 200, contentType: "text/plain", text: keyAuthorization)
    }
}
