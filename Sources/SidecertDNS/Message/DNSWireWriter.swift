/// Builds a DNS message's bytes. Names are written uncompressed (always valid, and what TSIG's
/// canonical forms need).
struct DNSWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func writeUInt8(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func writeUInt16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func writeUInt32(_ value: UInt32) {
        writeUInt16(UInt16(value >> 16))
        writeUInt16(UInt16(truncatingIfNeeded: value))
    }

    /// The low 48 bits of `value` (TSIG's time signed).
    mutating func writeUInt48(_ value: UInt64) {
        writeUInt16(UInt16(truncatingIfNeeded: value >> 32))
        writeUInt32(UInt32(truncatingIfNeeded: value))
    }

    mutating func writeBytes(_ value: some Sequence<UInt8>) {
        bytes.append(contentsOf: value)
    }

    mutating func writeName(_ name: DNSName) {
        for label in name.labels {
            bytes.append(UInt8(label.count))
            bytes.append(contentsOf: label)
        }
        bytes.append(0)
    }

    /// Writes what `body` writes, preceded by its length in 16 bits (RDLENGTH).
    mutating func withLengthPrefix(_ what: String, _ body: (inout DNSWireWriter) throws(DNSError) -> Void) throws(DNSError) {
        let lengthOffset = bytes.count
        writeUInt16(0)
        try body(&self)
        let length = bytes.count - lengthOffset - 2
        guard length <= Int(UInt16.max) else {
            throw DNSError(code: .invalidArgument, message: "\(what) is \(length) bytes; at most 65535 fit in a record")
        }
        bytes[lengthOffset] = UInt8(length >> 8)
        bytes[lengthOffset + 1] = UInt8(truncatingIfNeeded: length)
    }

    /// Overwrites a 16-bit value written earlier (a header count).
    mutating func patchUInt16(_ value: UInt16, at offset: Int) {
        bytes[offset] = UInt8(value >> 8)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value)
    }
}
