import Logging
import NIOCore
import NIOTLS

/// The last handler of an `acme-tls/1` connection: closes it once its handshake is done (the validator has
/// seen the certificate and RFC 8737 has nothing more to exchange), or when the handshake takes longer than
/// the deadline, counted from the connection's opening: an idle client, or one that stops mid-handshake, lets
/// go of its connection either way. Anything sent after the handshake is dropped unread.
final class ValidationConnectionDeadline: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let timeout: TimeAmount
    private let logger: Logger
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            loopBound.value.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted(let negotiated) = event {
            logger.debug("answered an acme-tls/1 handshake", metadata: ["protocol": "\(negotiated ?? "none")"])
            deadline?.cancel()
            deadline = nil
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("acme-tls/1 connection closed", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }
}
