import NIOCore

extension TLSALPN01Listener {
    /// What one client may hold of the `acme-tls/1` listener, so that idle clients, handshakes that never
    /// finish and oversized hellos come and go while the CA's validator still gets its answer.
    package struct Limits: Sendable, Equatable {
        /// Connections open at once. Past it the oldest connection is closed to admit the newest, so a flood
        /// of idle connections cannot lock out the validator's.
        package var maximumConnections: Int
        /// How long a connection may stay open from its opening: enough to send a ClientHello and finish a
        /// handshake on a slow link; a validator closes right after its handshake anyway.
        package var handshakeTimeout: TimeAmount
        /// The most bytes a client may send before its ClientHello is complete; a real one is a few hundred
        /// bytes (about two kilobytes with a post-quantum key share).
        package var maximumClientHelloBytes: Int

        package init(maximumConnections: Int, handshakeTimeout: TimeAmount, maximumClientHelloBytes: Int) {
            precondition(maximumConnections > 0 && maximumClientHelloBytes > 0, "a listener must admit at least one connection and byte")
            self.maximumConnections = maximumConnections
            self.handshakeTimeout = handshakeTimeout
            self.maximumClientHelloBytes = maximumClientHelloBytes
        }

        /// 512 connections, 10 seconds per connection, 32 KiB of ClientHello.
        package static let standard = Limits(maximumConnections: 512, handshakeTimeout: .seconds(10), maximumClientHelloBytes: 32_768)
    }
}
