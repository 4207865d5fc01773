/// A request signed with a ``TSIGKey``: what to send, and the MAC that the answer's MAC must cover.
package struct TSIGSignedRequest: Sendable, Hashable {
    /// The message in wire form, TSIG record included.
    package let wire: [UInt8]
    /// The request's MAC, needed to verify the answer (RFC 8945 §4.3.1).
    package let mac: [UInt8]
    /// The request's message ID.
    package var id: UInt16 { UInt16(wire[0]) << 8 | UInt16(wire[1]) }
}
