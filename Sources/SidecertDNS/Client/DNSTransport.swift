/// How a request travels to the server.
package enum DNSTransport: Sendable, Hashable {
    /// UDP, retried on timeout, and repeated over TCP when the answer comes back truncated (TC).
    case udp
    /// TCP only, with the 2-byte length prefix of RFC 1035 §4.2.2.
    case tcp
}
