/// What a client's first TLS flight says about what it wants, read before any TLS is spoken: the server name
/// (SNI, RFC 6066 §3) and the application protocols it offers (ALPN, RFC 7301 §3.1).
///
/// The `acme-tls/1` listener decides from this alone whether to answer at all, as nginx's `ssl_preread` does,
/// so a client that does not ask for `acme-tls/1`, or for a name with nothing on the volume, costs no key and
/// no handshake. Pure: bytes in, a verdict out; every read is bounds-checked.
package struct TLSClientHello: Sendable, Hashable {
    /// The `host_name` of the SNI extension, as sent (case and a final dot included); nil without SNI.
    package var serverName: String?
    /// The ALPN protocol names offered, in the client's order; empty without ALPN.
    package var applicationProtocols: [String]

    package init(serverName: String?, applicationProtocols: [String]) {
        self.serverName = serverName
        self.applicationProtocols = applicationProtocols
    }

    /// What the bytes received so far amount to.
    package enum Reading: Sendable, Hashable {
        /// A ClientHello may still follow: read more.
        case incomplete
        /// Not a TLS ClientHello (another protocol, or a broken one), and why.
        case malformed(String)
        /// The complete ClientHello.
        case complete(TLSClientHello)
    }

    /// The largest TLS plaintext record (RFC 8446 §5.1).
    static let maximumRecordLength = 16_384

    /// Reads the ClientHello from the first bytes of a connection: TLS records of the handshake type whose
    /// fragments, joined, begin with a ClientHello message (it may span several records).
    package static func read(_ bytes: [UInt8]) -> Reading {
        var handshake: [UInt8] = []
        var offset = 0
        while bytes.count - offset >= 5 {
            guard bytes[offset] == 22 else { return .malformed("not a TLS handshake record") }
            guard bytes[offset + 1] == 3 else { return .malformed("not a TLS record version") }
            let length = Int(bytes[offset + 3]) << 8 | Int(bytes[offset + 4])
            guard length > 0, length <= maximumRecordLength else { return .malformed("a TLS record of \(length) bytes") }
            guard bytes.count - offset - 5 >= length else { return .incomplete }
            handshake += bytes[(offset + 5)..<(offset + 5 + length)]
            offset += 5 + length
            guard handshake.count >= 4 else { continue }
            guard handshake[0] == 1 else { return .malformed("the first handshake message is not a ClientHello") }
            let messageLength = Int(handshake[1]) << 16 | Int(handshake[2]) << 8 | Int(handshake[3])
            guard handshake.count >= 4 + messageLength else { continue }
            var body = Cursor(handshake[4..<(4 + messageLength)])
            do {
                return .complete(try parseBody(&body))
            } catch {
                return .malformed("a ClientHello that ends early or has inconsistent lengths")
            }
        }
        return .incomplete
    }

    /// The ClientHello body (RFC 8446 §4.1.2): version, random, session id, cipher suites, compression methods,
    /// then the extensions, of which SNI (0) and ALPN (16) matter here.
    private static func parseBody(_ body: inout Cursor) throws(Cursor.Truncated) -> TLSClientHello {
        try body.skip(2 + 32)
        try body.skip(Int(try body.uint8()))
        try body.skip(Int(try body.uint16()))
        try body.skip(Int(try body.uint8()))
        var hello = TLSClientHello(serverName: nil, applicationProtocols: [])
        // TLS 1.0 and SSL 3 clients may send no extensions at all.
        guard !body.isAtEnd else { return hello }
        var extensions = try body.slice(Int(try body.uint16()))
        while !extensions.isAtEnd {
            let type = try extensions.uint16()
            var data = try extensions.slice(Int(try extensions.uint16()))
            switch type {
            case 0:
                hello.serverName = try hostName(&data)
            case 16:
                var list = try data.slice(Int(try data.uint16()))
                while !list.isAtEnd {
                    let name = try list.bytes(Int(try list.uint8()))
                    hello.applicationProtocols.append(String(decoding: name, as: UTF8.self))
                }
            default:
                continue
            }
        }
        return hello
    }

    /// The first `host_name` entry of a `server_name` extension.
    private static func hostName(_ data: inout Cursor) throws(Cursor.Truncated) -> String? {
        var list = try data.slice(Int(try data.uint16()))
        while !list.isAtEnd {
            let nameType = try list.uint8()
            let name = try list.bytes(Int(try list.uint16()))
            if nameType == 0 { return String(decoding: name, as: UTF8.self) }
        }
        return nil
    }

    /// Big-endian reads from a byte range, each checked against its end.
    private struct Cursor {
        struct Truncated: Error {}

        private var bytes: ArraySlice<UInt8>

        init(_ bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
        }

        var isAtEnd: Bool { bytes.isEmpty }

        mutating func bytes(_ count: Int) throws(Truncated) -> ArraySlice<UInt8> {
            guard count <= bytes.count else { throw Truncated() }
            defer { bytes = bytes.dropFirst(count) }
            return bytes.prefix(count)
        }

        mutating func skip(_ count: Int) throws(Truncated) {
            _ = try bytes(count)
        }

        mutating func slice(_ count: Int) throws(Truncated) -> Cursor {
            Cursor(try bytes(count))
        }

        mutating func uint8() throws(Truncated) -> UInt8 {
            try bytes(1).first!
        }

        mutating func uint16() throws(Truncated) -> UInt16 {
            let pair = try bytes(2)
            return UInt16(pair[pair.startIndex]) << 8 | UInt16(pair[pair.startIndex + 1])
        }
    }
}
