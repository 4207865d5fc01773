import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import SidecertVolume

/// `--http-listen`: answers `GET /.well-known/acme-challenge/<token>` from the volume, and nothing else.
///
/// Reading the volume on every request (rather than remembering what this process wrote) means any
/// replica's listener answers for whichever replica holds the lease.
public struct HTTP01Listener: Sendable {
    static let pathPrefix = "/.well-known/acme-challenge/"

    private let channel: any Channel

    /// The bound address (the port is the real one when 0 was asked for).
    public var localPort: Int? { channel.localAddress?.port }

    public static func bind(host: String, port: Int, challenges: ChallengeDirectory, logger: Logger) async throws -> HTTP01Listener {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(ChallengeRequestHandler(challenges: challenges))
                }
            }
            .bind(host: host, port: port)
            .get()
        logger.info("answering HTTP-01 from the volume", metadata: ["listen": "\(host):\(channel.localAddress?.port ?? port)"])
        return HTTP01Listener(channel: channel)
    }

    public func close() async {
        try? await channel.close()
    }

    /// Runs `body` with a listener on `address` (none when nil), closing it afterwards.
    public static func whileListening<T: Sendable>(
        on address: (host: String, port: Int)?,
        challenges: ChallengeDirectory,
        logger: Logger,
        _ body: () async throws -> T
    ) async throws -> T {
        guard let address else { return try await body() }
        let listener = try await bind(host: address.host, port: address.port, challenges: challenges, logger: logger)
        do {
            let result = try await body()
            await listener.close()
            return result
        } catch {
            await listener.close()
            throw error
        }
    }
}

/// One HTTP/1.1 request → the token's file from the volume, or 404.
private final class ChallengeRequestHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let challenges: ChallengeDirectory

    init(challenges: ChallengeDirectory) {
        self.challenges = challenges
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let body = answer(for: head)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain")
        headers.add(name: "Content-Length", value: "\(body?.count ?? 0)")
        let status: HTTPResponseStatus = body == nil ? .notFound : .ok
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if let body, head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func answer(for head: HTTPRequestHead) -> [UInt8]? {
        guard head.method == .GET || head.method == .HEAD, head.uri.hasPrefix(HTTP01Listener.pathPrefix) else { return nil }
        let token = String(head.uri.dropFirst(HTTP01Listener.pathPrefix.count))
        return (try? challenges.read(token: token)).flatMap { $0 }.map { Array($0.utf8) }
    }
}
