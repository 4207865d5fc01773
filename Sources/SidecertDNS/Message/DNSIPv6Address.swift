/// An IPv6 address, the data of an AAAA record.
package struct DNSIPv6Address: Hashable, Sendable, CustomStringConvertible {
    /// The sixteen bytes, in network order.
    package let bytes: [UInt8]

    /// An address from exactly sixteen bytes.
    package init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses RFC 4291 text (`2001:db8::1`, `::ffff:192.0.2.1`); nil for anything else.
    package init?(_ text: String) {
        let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count <= 2, !text.isEmpty else { return nil }
        func groups(_ part: Substring) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var bytes: [UInt8] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, field) in fields.enumerated() {
                if index == fields.count - 1, field.contains("."), let v4 = DNSIPv4Address(String(field)) {
                    bytes += v4.bytes
                    continue
                }
                guard (1...4).contains(field.count), let value = UInt16(field, radix: 16) else { return nil }
                bytes += [UInt8(value >> 8), UInt8(truncatingIfNeeded: value)]
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 {
            guard head.count == 16 else { return nil }
            self.bytes = head
            return
        }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        self.bytes = head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// RFC 5952 text: lowercase, the longest run of two or more zero groups shown as `::`.
    package var description: String {
        let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8, groups[index] == 0 { index += 1 }
            if index - start > bestLength {
                bestStart = start
                bestLength = index - start
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
