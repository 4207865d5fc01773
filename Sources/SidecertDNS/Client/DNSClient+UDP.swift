import Logging
import NIOCore
import NIOPosix

/// Requests over UDP, retried on silence.
extension DNSClient {
    /// Sends `wire` up to `attempts` times from one socket, so a late answer to an earlier send still
    /// counts; returns the first datagram from `address` carrying `id`.
    func exchangeOverUDP(
        _ wire: [UInt8],
        id: UInt16,
        with address: SocketAddress,
        server: DNSServerAddress,
        what: String
    ) async throws -> [UInt8] {
        let eventLoop = eventLoopGroup.next()
        let answer = eventLoop.makePromise(of: [UInt8].self)
        let channel: any Channel
        do {
            channel = try await DatagramBootstrap(group: eventLoop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(DNSDatagramAnswerHandler(expectedID: id, server: address, answer: answer))
                    }
                }
                .bind(host: address.protocol == .inet6 ? "::" : "0.0.0.0", port: 0)
                .get()
        } catch {
            answer.fail(error)
            throw DNSError(code: .connectionFailed, message: "cannot open a UDP socket to ask the DNS server at \(server): \(error)")
        }
        defer {
            channel.close(promise: nil)
            answer.fail(ChannelError.alreadyClosed)  // no-op once answered; a promise must never be dropped
        }
        for attempt in 1...attempts {
            logger.debug("DNS request over UDP", metadata: ["dns.server": "\(server)", "dns.request": "\(what)", "dns.attempt": "\(attempt)"])
            let datagram = AddressedEnvelope(remoteAddress: address, data: channel.allocator.buffer(bytes: wire))
            do {
                try await channel.writeAndFlush(datagram).get()
            } catch {
                // An unreachable network is reported here; keep trying until the attempts run out, like silence.
                logger.debug("DNS send failed", metadata: ["dns.server": "\(server)", "error": "\(error)"])
            }
            if let bytes = try await waitForAnswer(answer.futureResult, upTo: timeout) {
                return bytes
            }
        }
        throw DNSError(
            code: .timedOut,
            message: "the DNS server at \(server) did not answer \(what) (sent \(attempts) times over UDP, \(timeout) apart)"
        )
    }
}
