import Crypto
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SidecertACME
import SidecertHTTPServer
import SidecertVolume
import SwiftASN1
import X509

/// Answers TLS-ALPN-01 (RFC 8737) from the volume: a TLS server that speaks only `acme-tls/1` and, for the
/// name the client's SNI asks for, presents a fresh validation certificate made from the answer on the volume.
///
/// Reading the volume at every handshake (rather than remembering what this process presented) means any
/// replica's listener answers for whichever replica holds the lease. A client that does not offer
/// `acme-tls/1`, or asks for a name with nothing on the volume, is refused with a TLS alert before any
/// handshake. What one client may hold is bounded (``Limits``).
package struct TLSALPN01Listener: ChallengeListener {
    /// The ALPN protocol of TLS-ALPN-01, and the only one this listener speaks.
    package static let protocolName = "acme-tls/1"

    private let channel: any Channel
    private let roster: ConnectionRoster

    /// The bound port (the real one when 0 was asked for).
    package var localPort: Int? { channel.localAddress?.port }

    /// How many client connections are open now.
    package var openConnections: Int { roster.count }

    package static func bind(
        host: String, port: Int, limits: Limits = .standard, challenges: TLSALPNChallengeDirectory, logger: Logger
    ) async throws -> TLSALPN01Listener {
        let roster = ConnectionRoster(maximum: limits.maximumConnections)
        let decide: @Sendable (TLSClientHello) -> ClientHelloGate.Decision = { hello in
            decision(for: hello, challenges: challenges)
        }
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                roster.admit(channel)
                do {
                    try channel.pipeline.syncOperations.addHandler(
                        ClientHelloGate(maximumBytes: limits.maximumClientHelloBytes, logger: logger, decide: decide))
                    try channel.pipeline.syncOperations.addHandler(ValidationConnectionDeadline(timeout: limits.handshakeTimeout, logger: logger))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .bind(host: host, port: port)
            .get()
        logger.info(
            "answering TLS-ALPN-01 from the volume",
            metadata: ["listen": "\(host):\(channel.localAddress?.port ?? port)", "maxConnections": "\(limits.maximumConnections)"])
        return TLSALPN01Listener(channel: channel, roster: roster)
    }

    /// Stops accepting connections.
    package func close() async {
        try? await channel.close()
    }

    /// Runs `body` with a listener on `address` (none when nil), closing it afterwards.
    package static func whileListening<T: Sendable>(
        on address: (host: String, port: Int)?,
        challenges: TLSALPNChallengeDirectory,
        logger: Logger,
        _ body: () async throws -> T
    ) async throws -> T {
        guard let address else { return try await body() }
        return try await closing(try await bind(host: address.host, port: address.port, challenges: challenges, logger: logger), after: body)
    }

    /// Whether and how to answer `hello`: only `acme-tls/1`, only for a name with an answer on the volume.
    static func decision(for hello: TLSClientHello, challenges: TLSALPNChallengeDirectory) -> ClientHelloGate.Decision {
        guard hello.applicationProtocols.contains(protocolName) else {
            return .refuse(alert: ClientHelloGate.noApplicationProtocol, reason: "the client did not offer \(protocolName)")
        }
        guard let serverName = hello.serverName else {
            return .refuse(alert: ClientHelloGate.unrecognizedName, reason: "the client sent no server name")
        }
        guard let answer = VolumeTLSALPN01Solver.answer(for: serverName, in: challenges) else {
            return .refuse(
                alert: ClientHelloGate.unrecognizedName, reason: "no TLS-ALPN-01 answer on the volume for '\(serverName.prefix(80))'")
        }
        do {
            return .answer(try sslContext(for: answer), identifier: answer.identifier.value)
        } catch {
            return .refuse(alert: ClientHelloGate.internalError, reason: "making the validation certificate failed: \(error)")
        }
    }

    /// A TLS server context presenting `answer`'s validation certificate, for one connection. It verifies no
    /// client certificate, so making it reads no trust store: cheap enough to do per handshake.
    static func sslContext(for answer: ChallengeAnswer) throws -> NIOSSLContext {
        let (certificate, key) = try TLSALPN01ValidationCertificate.make(for: answer)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.derRepresentation), format: .der)))
        // RFC 8737 §4: TLS 1.2 or later, and the acme-tls/1 protocol.
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = [protocolName]
        return try NIOSSLContext(configuration: configuration)
    }
}
