/// Reads a DNS message's bytes. Every read is bounds-checked and throws ``DNSError`` (code
/// ``DNSError/Code/malformedMessage``) instead of trapping, whatever the input.
struct DNSWireReader {
    /// The whole message: compression pointers may point anywhere before the name that uses them.
    let bytes: [UInt8]
    /// The next byte to read.
    private(set) var position: Int = 0
    /// Reads stop here (the end of the message, or of the record data being read).
    private(set) var limit: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.limit = bytes.count
    }

    /// Bytes left before `limit`.
    var remaining: Int { limit - position }

    mutating func readUInt8(_ what: @autoclosure () -> String) throws(DNSError) -> UInt8 {
        try require(1, what())
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readUInt16(_ what: @autoclosure () -> String) throws(DNSError) -> UInt16 {
        try require(2, what())
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    mutating func readUInt32(_ what: @autoclosure () -> String) throws(DNSError) -> UInt32 {
        let high = try readUInt16(what())
        let low = try readUInt16(what())
        return UInt32(high) << 16 | UInt32(low)
    }

    /// A 48-bit unsigned integer (TSIG's time signed).
    mutating func readUInt48(_ what: @autoclosure () -> String) throws(DNSError) -> UInt64 {
        let high = try readUInt16(what())
        let low = try readUInt32(what())
        return UInt64(high) << 32 | UInt64(low)
    }

    mutating func readBytes(_ count: Int, _ what: @autoclosure () -> String) throws(DNSError) -> [UInt8] {
        try require(count, what())
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// Runs `body` with reads limited to the next `length` bytes, and checks it read exactly them.
    mutating func withLimit<T>(
        _ length: Int,
        _ what: String,
        _ body: (inout DNSWireReader) throws(DNSError) -> T
    ) throws(DNSError) -> T {
        try require(length, what)
        let outerLimit = limit
        let end = position + length
        limit = end
        defer { limit = outerLimit }
        let value = try body(&self)
        guard position == end else {
            throw DNSError.malformed("\(what) is \(length) bytes but its content ends after \(length - (end - position))", at: position)
        }
        return value
    }

    /// Reads a name, following compression pointers (RFC 1035 §4.1.4).
    ///
    /// Loops are impossible: each pointer must point strictly before the start of the labels that led
    /// to it, so every jump goes further back. The name's total length is checked as labels are read.
    mutating func readName(_ what: @autoclosure () -> String) throws(DNSError) -> DNSName {
        var labels: [[UInt8]] = []
        var wireLength = 1
        var cursor = position
        var segmentStart = position
        var bound = limit
        var jumped = false
        while true {
            guard cursor < bound else {
                throw DNSError.malformed("\(what()) runs past the end of its data", at: cursor)
            }
            let length = Int(bytes[cursor])
            switch length & 0xC0 {
            case 0x00:
                if length == 0 {
                    if !jumped { position = cursor + 1 }
                    return DNSName(uncheckedLabels: labels)
                }
                guard cursor + 1 + length <= bound else {
                    throw DNSError.malformed("a label of \(what()) runs past the end of its data", at: cursor)
                }
                wireLength += 1 + length
                guard wireLength <= DNSName.maximumWireLength else {
                    throw DNSError.malformed("\(what()) is longer than 255 bytes", at: cursor)
                }
                labels.append(Array(bytes[(cursor + 1)..<(cursor + 1 + length)]))
                cursor += 1 + length
            case 0xC0:
                guard cursor + 2 <= bound else {
                    throw DNSError.malformed("a compression pointer in \(what()) is cut short", at: cursor)
                }
                let target = (length & 0x3F) << 8 | Int(bytes[cursor + 1])
                guard target < segmentStart else {
                    throw DNSError.malformed("a compression pointer in \(what()) does not point backwards (to \(target))", at: cursor)
                }
                if !jumped {
                    position = cursor + 2
                    jumped = true
                }
                // Earlier parts of the message are all fair game for a pointer, whatever the current limit.
                bound = bytes.count
                segmentStart = target
                cursor = target
            default:
                throw DNSError.malformed("\(what()) uses an unsupported label type \(length >> 6)", at: cursor)
            }
        }
    }

    private func require(_ count: Int, _ what: @autoclosure () -> String) throws(DNSError) {
        guard count >= 0, count <= limit - position else {
            throw DNSError.malformed(
                "\(what()) needs \(count) bytes but only \(max(0, limit - position)) remain",
                at: position
            )
        }
    }
}
