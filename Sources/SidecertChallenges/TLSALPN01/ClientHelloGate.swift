import Logging
import NIOCore
import NIOSSL

/// The first handler of an `acme-tls/1` connection: reads the client's ClientHello without speaking TLS, asks
/// `decide` what to do with it, and either refuses with a TLS alert and closes, or puts a TLS server handler
/// for the answer behind itself, hands it every byte read so far, and leaves the pipeline.
///
/// Deciding before the handshake means a client that does not offer `acme-tls/1`, or asks for a name with
/// nothing on the volume, gets no certificate and costs no key, and the bytes a client may send before it is
/// judged are bounded.
final class ClientHelloGate: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What to do with a complete ClientHello.
    enum Decision {
        /// Refuse with this alert (RFC 8446 §6.2), for this reason (logged).
        case refuse(alert: UInt8, reason: String)
        /// Complete the handshake with this context, which presents the validation certificate for
        /// `identifier` (logged).
        case answer(NIOSSLContext, identifier: String)
    }

    /// `unrecognized_name`: no answer on the volume for the name, or no name at all.
    static let unrecognizedName: UInt8 = 112
    /// `no_application_protocol`: `acme-tls/1` was not offered.
    static let noApplicationProtocol: UInt8 = 120
    /// `decode_error`: not a ClientHello, or a larger one than allowed.
    static let decodeError: UInt8 = 50
    /// `internal_error`: the validation certificate could not be made.
    static let internalError: UInt8 = 80

    private let maximumBytes: Int
    private let decide: (TLSClientHello) -> Decision
    private let logger: Logger
    private var received: [UInt8] = []
    private var decided = false

    init(maximumBytes: Int, logger: Logger, decide: @escaping (TLSClientHello) -> Decision) {
        self.maximumBytes = maximumBytes
        self.logger = logger
        self.decide = decide
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !decided else { return }
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard received.count <= maximumBytes else {
            return refuse(context: context, alert: Self.decodeError, reason: "more than \(maximumBytes) bytes without a complete ClientHello")
        }
        switch TLSClientHello.read(received) {
        case .incomplete:
            return
        case .malformed(let reason):
            refuse(context: context, alert: Self.decodeError, reason: reason)
        case .complete(let hello):
            switch decide(hello) {
            case .refuse(let alert, let reason):
                refuse(context: context, alert: alert, reason: reason)
            case .answer(let sslContext, let identifier):
                logger.debug(
                    "presenting the TLS-ALPN-01 validation certificate",
                    metadata: ["serverName": "\(hello.serverName ?? "")", "identifier": "\(identifier)"])
                handOver(context: context, to: NIOSSLServerHandler(context: sslContext))
            }
        }
    }

    /// Puts `tls` behind this handler, replays what the client sent, and leaves.
    private func handOver(context: ChannelHandlerContext, to tls: NIOSSLServerHandler) {
        decided = true
        do {
            try context.pipeline.syncOperations.addHandler(tls, position: .after(self))
        } catch {
            logger.debug("acme-tls/1 connection closed: \(error)")
            context.close(promise: nil)
            return
        }
        let replay = context.channel.allocator.buffer(bytes: received)
        received = []
        context.fireChannelRead(wrapInboundOut(replay))
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    /// Sends a fatal alert and closes this side. What the client still sends is read and dropped until it
    /// closes too (or the connection's deadline): closing with unread bytes would reset the connection, and
    /// the client might lose the alert that says why.
    private func refuse(context: ChannelHandlerContext, alert: UInt8, reason: String) {
        decided = true
        received = []
        logger.debug("acme-tls/1 handshake refused", metadata: ["reason": "\(reason)", "peer": "\(context.remoteAddress.map { "\($0)" } ?? "?")"])
        // An alert record: type 21, version 3.3, length 2, level fatal (2), the description.
        let record = context.channel.allocator.buffer(bytes: [21, 3, 3, 0, 2, 2, alert])
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(record)).whenComplete { _ in
            loopBound.value.close(mode: .output).whenFailure { _ in loopBound.value.close(promise: nil) }
        }
    }
}
