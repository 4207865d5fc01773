import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 server for answers computed from a request's method and path alone: the HTTP-01
/// listener and the admin endpoints. No bodies are read, no TLS, no routing framework: each answer is a
/// function of the request head, so the server has nothing else to get wrong.
///
/// It faces the internet (HTTP-01 on port 80), so what one client can hold is bounded (``Limits``): a
/// number of connections, the time to send a request head, the bytes sent before an answer.
package struct PlainHTTPServer: Sendable {
    /// Computes the answer to one request; called on an event loop, so it must not block for long
    /// (reading a small file from the volume is fine).
    package typealias Responder = @Sendable (PlainHTTPRequest) -> PlainHTTPResponse

    private let channel: any Channel
    private let roster: ConnectionRoster

    /// The bound port (the real one when 0 was asked for).
    package var localPort: Int? { channel.localAddress?.port }

    /// How many client connections are open now.
    package var openConnections: Int { roster.count }

    /// Binds `host:port` and answers every request with `respond`, within `limits`.
    package static func bind(host: String, port: Int, limits: Limits = .standard, respond: @escaping Responder) async throws -> PlainHTTPServer {
        let roster = ConnectionRoster(maximum: limits.maximumConnections)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                roster.admit(channel)
                do {
                    try channel.pipeline.syncOperations.addHandler(RequestSizeLimiter(maximumBytes: limits.maximumRequestBytes))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        ResponderHandler(respond: respond, requestHeadTimeout: limits.requestHeadTimeout))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .bind(host: host, port: port)
            .get()
        return PlainHTTPServer(channel: channel, roster: roster)
    }

    /// Stops accepting connections.
    package func close() async {
        try? await channel.close()
    }
}

/// What a ``PlainHTTPServer/Responder`` sees of a request.
package struct PlainHTTPRequest: Sendable {
    /// `GET`, `HEAD`, …
    package var method: String
    /// The request target as sent, query included.
    package var uri: String

    package init(method: String, uri: String) {
        self.method = method
        self.uri = uri
    }

    /// The path without the query.
    package var path: Substring { uri.prefix { $0 != "?" } }
}

/// One complete answer.
package struct PlainHTTPResponse: Sendable {
    package var status: Int
    package var contentType: String
    package var body: [UInt8]

    package init(status: Int, contentType: String = "text/plain; charset=utf-8", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    package init(status: Int, contentType: String = "text/plain; charset=utf-8", text: String) {
        self.init(status: status, contentType: contentType, body: Array(text.utf8))
    }

    package static let notFound = PlainHTTPResponse(status: 404, text: "not found\n")
}

/// Answers each request head as it arrives; request bodies are not read: a request that has one is
/// answered and its connection closed. A connection that does not complete a request head within the
/// timeout (after opening, or after the previous answer) is closed.
private final class ResponderHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let respond: PlainHTTPServer.Responder
    let requestHeadTimeout: TimeAmount
    private var headDeadline: Scheduled<Void>?

    init(respond: @escaping PlainHTTPServer.Responder, requestHeadTimeout: TimeAmount) {
        self.respond = respond
        self.requestHeadTimeout = requestHeadTimeout
    }

    func channelActive(context: ChannelHandlerContext) {
        awaitNextHead(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        headDeadline?.cancel()
        headDeadline = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        headDeadline?.cancel()
        headDeadline = nil
        let response = respond(PlainHTTPRequest(method: head.method.rawValue, uri: head.uri))
        // A body would have to be read and thrown away; answering and closing is cheaper and safer.
        let hasBody = head.headers.contains(name: "transfer-encoding") || head.headers["content-length"].contains { $0 != "0" }
        let keepAlive = head.isKeepAlive && !hasBody
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: "\(response.body.count)")
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        }
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            awaitNextHead(context: context)
        } else {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
        }
    }

    /// Gives the client `requestHeadTimeout` to send its next request head.
    private func awaitNextHead(context: ChannelHandlerContext) {
        headDeadline?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        headDeadline = context.eventLoop.scheduleTask(in: requestHeadTimeout) {
            loopBound.value.close(promise: nil)
        }
    }
}
