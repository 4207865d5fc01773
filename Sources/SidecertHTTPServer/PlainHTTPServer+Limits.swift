import NIOCore

extension PlainHTTPServer {
    /// What one client may hold of a listener, so that idle, slow or greedy clients come and go while the
    /// answers stay available to everyone else: the CA's validation requests on a public port, the health
    /// probes on the admin port.
    package struct Limits: Sendable, Equatable {
        /// Connections open at once. Past it the oldest connection is closed to admit the newest: a flood
        /// of idle connections cannot lock out a client that is about to send its request.
        package var maximumConnections: Int
        /// How long a connection may take to send a complete request head, counted from its opening or from
        /// the previous answer: closes idle keep-alive connections and clients that trickle bytes.
        package var requestHeadTimeout: TimeAmount
        /// The most bytes a client may send before it is answered; more is answered 431 and closed.
        package var maximumRequestBytes: Int

        package init(maximumConnections: Int, requestHeadTimeout: TimeAmount, maximumRequestBytes: Int) {
            precondition(maximumConnections > 0 && maximumRequestBytes > 0, "a listener must admit at least one connection and byte")
            self.maximumConnections = maximumConnections
            self.requestHeadTimeout = requestHeadTimeout
            self.maximumRequestBytes = maximumRequestBytes
        }

        /// 512 connections, 10 seconds to send a request head, 16 KiB per request: far more than an ACME
        /// validation or a probe needs (a request of a few hundred bytes, sent at once).
        package static let standard = Limits(maximumConnections: 512, requestHeadTimeout: .seconds(10), maximumRequestBytes: 16_384)
    }
}
