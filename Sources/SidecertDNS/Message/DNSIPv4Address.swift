/// An IPv4 address, the data of an A record.
package struct DNSIPv4Address: Hashable, Sendable, CustomStringConvertible {
    /// The four bytes, in network order.
    package let bytes: [UInt8]

    /// An address from exactly four bytes.
    package init?(bytes: [UInt8]) {
        guard bytes.count == 4 else { return nil }
        self.bytes = bytes
    }

    /// Parses dotted-quad text (`192.0.2.1`); nil for anything else.
    package init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt8(part) else {
                return nil
            }
            bytes.append(value)
        }
        self.bytes = bytes
    }

    package var description: String {
        bytes.map(String.init).joined(separator: ".")
    }
}
