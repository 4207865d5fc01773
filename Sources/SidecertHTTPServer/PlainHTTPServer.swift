import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 server for answers computed from a request's method and path alone: the HTTP-01
/// listener and the admin endpoints. No bodies are read, no TLS, no routing framework: each answer is a
/// function of the request head, so the server has nothing else to get wrong.
public struct PlainHTTPServer: Sendable {
    /// Computes the answer to one request; called on an event loop, so it must not block for long
    /// (reading a small file from the volume is fine).
    public typealias Responder = @Sendable (PlainHTTPRequest) -> PlainHTTPResponse

    private let channel: any Channel

    /// The bound port (the real one when 0 was asked for).
    public var localPort: Int? { channel.localAddress?.port }

    /// Binds `host:port` and answers every request with `respond`.
    public static func bind(host: String, port: Int, respond: @escaping Responder) async throws -> PlainHTTPServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(ResponderHandler(respond: respond))
                }
            }
            .bind(host: host, port: port)
            .get()
        return PlainHTTPServer(channel: channel)
    }

    /// Stops accepting connections.
    public func close() async {
        try? await channel.close()
    }
}

/// What a ``PlainHTTPServer/Responder`` sees of a request.
public struct PlainHTTPRequest: Sendable {
    /// `GET`, `HEAD`, …
    public var method: String
    /// The request target as sent, query included.
    public var uri: String

    /// The path without the query.
    public var path: Substring { uri.prefix { $0 != "?" } }
}

/// One complete answer.
public struct PlainHTTPResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", text: String) {
        self.init(status: status, contentType: contentType, body: Array(text.utf8))
    }

    public static let notFound = PlainHTTPResponse(status: 404, text: "not found\n")
}

/// Answers each request head as it arrives; request bodies are ignored.
private final class ResponderHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let respond: PlainHTTPServer.Responder

    init(respond: @escaping PlainHTTPServer.Responder) {
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let response = respond(PlainHTTPRequest(method: head.method.rawValue, uri: head.uri))
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: "\(response.body.count)")
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
