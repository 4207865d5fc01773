import NIOCore

/// Counts the bytes a client sends before it is answered and, past the limit, answers 431 and closes.
///
/// It sits first in the pipeline, on raw bytes, so that no request head (nor a body nobody reads) grows
/// without bound in the HTTP decoder. Any write to the client means a request was answered: the count
/// starts again.
final class RequestSizeLimiter: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let refusal = Array(
        "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)

    private let maximumBytes: Int
    private var unanswered = 0
    private var refused = false

    init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        unanswered += unwrapInboundIn(data).readableBytes
        guard unanswered <= maximumBytes else {
            refused = true
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: Self.refusal))).whenComplete { _ in
                loopBound.value.close(promise: nil)
            }
            return
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        unanswered = 0
        context.write(data, promise: promise)
    }
}
