/// A request signed with a ``TSIGKey``: what to send, and the MAC that the answer's MAC must cover.
public struct TSIGSignedRequest: Sendable, Hashable {
    /// The message in wire form, TSIG record included.
    public let wire: [UInt8]
    /// The request's MAC, needed to verify the answer (RFC 8945 §4.3.1).
    public let mac: [UInt8]
    /// The request's message ID.
    public var id: UInt16 { UInt16(wire[0]) << 8 | UInt16(wire[1]) }
}
