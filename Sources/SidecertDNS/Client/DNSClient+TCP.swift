import Logging
import NIOCore
import NIOPosix

/// Requests over TCP (RFC 1035 §4.2.2, RFC 7766): one connection per attempt, 2-byte length framing.
extension DNSClient {
    func exchangeOverTCP(
        _ wire: [UInt8],
        id: UInt16,
        with address: SocketAddress,
        server: DNSServerAddress,
        what: String
    ) async throws -> [UInt8] {
        var lastFailure = DNSError(code: .timedOut, message: "the DNS server at \(server) did not answer \(what) over TCP")
        for attempt in 1...attempts {
            logger.debug("DNS request over TCP", metadata: ["dns.server": "\(server)", "dns.request": "\(what)", "dns.attempt": "\(attempt)"])
            do {
                return try await exchangeOverOneConnection(wire, id: id, with: address, server: server, what: what)
            } catch let failure as DNSError where failure.code == .timedOut || failure.code == .connectionFailed {
                lastFailure = failure
            }
        }
        throw lastFailure
    }

    private func exchangeOverOneConnection(
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
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(TimeAmount(timeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(DNSStreamFrameDecoder()))
                        try channel.pipeline.syncOperations.addHandler(DNSStreamAnswerHandler(expectedID: id, server: "\(server)", answer: answer))
                    }
                }
                .connect(to: address)
                .get()
        } catch {
            answer.fail(error)
            if case ChannelError.connectTimeout = error {
                throw DNSError(code: .timedOut, message: "the DNS server at \(server) did not accept a TCP connection within \(timeout)")
            }
            throw DNSError(code: .connectionFailed, message: "cannot connect to the DNS server at \(server) over TCP: \(error)")
        }
        defer {
            channel.close(promise: nil)
            answer.fail(ChannelError.alreadyClosed)  // no-op once answered; a promise must never be dropped
        }
        var frame = channel.allocator.buffer(capacity: wire.count + 2)
        frame.writeInteger(UInt16(wire.count))
        frame.writeBytes(wire)
        channel.writeAndFlush(frame, promise: nil)
        guard let bytes = try await waitForAnswer(answer.futureResult, upTo: timeout) else {
            throw DNSError(code: .timedOut, message: "the DNS server at \(server) did not answer \(what) over TCP within \(timeout)")
        }
        return bytes
    }
}
