import NIOCore

/// Completes `answer` with the first framed message carrying the request's ID; fails it when the
/// server closes the connection or it breaks before an answer came.
final class DNSStreamAnswerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let expectedID: UInt16
    private let server: String
    private let answer: EventLoopPromise<[UInt8]>

    init(expectedID: UInt16, server: String, answer: EventLoopPromise<[UInt8]>) {
        self.expectedID = expectedID
        self.server = server
        self.answer = answer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard frame.getInteger(at: frame.readerIndex, as: UInt16.self) == expectedID else { return }
        answer.succeed(Array(frame.readableBytesView))
    }

    func channelInactive(context: ChannelHandlerContext) {
        answer.fail(DNSError(code: .connectionFailed, message: "the DNS server at \(server) closed the TCP connection without answering"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        answer.fail(DNSError(code: .connectionFailed, message: "the TCP connection to the DNS server at \(server) failed: \(error)"))
        context.close(promise: nil)
    }
}
