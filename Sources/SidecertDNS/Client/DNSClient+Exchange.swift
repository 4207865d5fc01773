import Logging
import NIOCore
import NIOPosix

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One request, one answer.
extension DNSClient {
    /// Sends `request` to `server` and returns the server's answer, whatever its RCODE.
    ///
    /// The request's ID is replaced by a fresh random one. With a `key`, the request is signed and the
    /// answer's TSIG verified (RFC 8945); the server's TSIG errors become worded ``DNSError``s.
    ///
    /// - Throws: ``DNSError`` (``DNSError/Code/timedOut`` when the server never answered), or
    ///   `CancellationError` when the task is cancelled.
    package func exchange(
        _ request: DNSMessage,
        with server: DNSServerAddress,
        key: TSIGKey? = nil,
        transport: DNSTransport = .udp
    ) async throws -> DNSMessage {
        var request = request
        request.id = .random(in: .min ... .max)
        request.tsig = nil
        let signed = try key.map { (key) throws(DNSError) in try key.sign(request, time: wallClock()) }
        let wire = try signed?.wire ?? request.wireFormat()
        guard wire.count <= Int(UInt16.max) else {
            throw DNSError(code: .invalidArgument, message: "the request is \(wire.count) bytes; a DNS message has at most 65535")
        }
        let address = try await socketAddress(of: server)
        let what = "\(request.opcode) \(request.questions.first.map { "\($0.name) \($0.type)" } ?? "")"
        var answer: [UInt8]
        switch transport {
        case .udp:
            answer = try await exchangeOverUDP(wire, id: request.id, with: address, server: server, what: what)
            if answer.count > 2, answer[2] & 0x02 != 0 {
                logger.debug("DNS answer truncated, asking again over TCP", metadata: ["dns.server": "\(server)", "dns.request": "\(what)"])
                answer = try await exchangeOverTCP(wire, id: request.id, with: address, server: server, what: what)
            }
        case .tcp:
            answer = try await exchangeOverTCP(wire, id: request.id, with: address, server: server, what: what)
        }
        let response: DNSMessage
        if let key, let signed {
            response = try key.verify(response: answer, requestMAC: signed.mac, now: wallClock())
        } else {
            response = try DNSMessage(wire: answer)
        }
        try Self.check(response, answers: request, from: server)
        logger.debug(
            "DNS answer",
            metadata: ["dns.server": "\(server)", "dns.request": "\(what)", "dns.rcode": "\(response.responseCode)"]
        )
        return response
    }

    /// Whether `response` answers `request`: QR set, same opcode, same question when one is echoed
    /// (an error answer may leave the question out).
    static func check(_ response: DNSMessage, answers request: DNSMessage, from server: DNSServerAddress) throws(DNSError) {
        guard response.isResponse, response.opcode == request.opcode else {
            throw DNSError(
                code: .unexpectedResponse,
                message: "the DNS server at \(server) sent something that is not an answer to the \(request.opcode) request")
        }
        guard response.questions.isEmpty || response.questions == request.questions else {
            throw DNSError(
                code: .unexpectedResponse,
                message: "the DNS server at \(server) answered a different question (\(response.questions.map { "\($0.name) \($0.type)" }))"
            )
        }
    }

    static func secondsSinceEpoch() -> UInt64 {
        UInt64(max(0, Date().timeIntervalSince1970))
    }

    /// The socket address of `server`; a host name is resolved on NIO's thread pool (getaddrinfo blocks).
    private func socketAddress(of server: DNSServerAddress) async throws -> SocketAddress {
        if let address = try? SocketAddress(ipAddress: server.host, port: server.port) {
            return address
        }
        do {
            return try await NIOThreadPool.singleton.runIfActive {
                try SocketAddress.makeAddressResolvingHost(server.host, port: server.port)
            }
        } catch {
            throw DNSError(code: .connectionFailed, message: "cannot find the address of DNS server '\(server.host)': \(error)")
        }
    }

    /// Waits for `answer` at most `timeout`: nil when the time ran out first.
    func waitForAnswer(_ answer: EventLoopFuture<[UInt8]>, upTo timeout: Duration) async throws -> [UInt8]? {
        let eventLoop = answer.eventLoop
        let outcome = eventLoop.makePromise(of: [UInt8]?.self)
        answer.whenComplete { outcome.completeWith($0.map { Optional($0) }) }
        let timer = eventLoop.scheduleTask(in: TimeAmount(timeout)) { outcome.succeed(nil) }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await outcome.futureResult.get()
        } onCancel: {
            outcome.fail(CancellationError())
        }
    }
}
