import NIOCore

/// Completes `answer` with the first datagram that comes from the server and carries the request's
/// ID; anything else (a stray or spoofed packet, an ICMP error) is ignored and the wait goes on.
final class DNSDatagramAnswerHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let expectedID: UInt16
    private let server: SocketAddress
    private let answer: EventLoopPromise<[UInt8]>

    init(expectedID: UInt16, server: SocketAddress, answer: EventLoopPromise<[UInt8]>) {
        self.expectedID = expectedID
        self.server = server
        self.answer = answer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard envelope.remoteAddress == server, envelope.data.getInteger(at: envelope.data.readerIndex, as: UInt16.self) == expectedID
        else { return }
        answer.succeed(Array(envelope.data.readableBytesView))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP "port unreachable" and the like: the server did not answer; the timeout will say so.
    }
}
