/// The typed data (RDATA) of a resource record.
///
/// The types a DNS-01 client needs are decoded; every other type is kept as raw bytes, so a message
/// with records we do not know still decodes and re-encodes unchanged. EDNS (OPT) and TSIG are
/// pseudo-records that belong to the message, not a section: see ``DNSMessage/edns`` and
/// ``DNSMessage/tsig``.
package enum DNSRecordData: Hashable, Sendable {
    /// A: an IPv4 address.
    case a(DNSIPv4Address)
    /// AAAA: an IPv6 address.
    case aaaa(DNSIPv6Address)
    /// NS: the name of an authoritative server.
    case ns(DNSName)
    /// CNAME: the canonical name this name is an alias of.
    case cname(DNSName)
    /// SOA: the zone apex's authority data.
    case soa(DNSSOAData)
    /// TXT: one or more character-strings, each at most 255 bytes (see ``txt(value:)`` for longer values).
    case txt([[UInt8]])
    /// Any other type, or a known type with empty data (UPDATE deletions): the RDATA as received.
    case unknown(type: DNSRecordType, bytes: [UInt8])

    /// The record type this data belongs to.
    package var type: DNSRecordType {
        switch self {
        case .a: .a
        case .aaaa: .aaaa
        case .ns: .ns
        case .cname: .cname
        case .soa: .soa
        case .txt: .txt
        case .unknown(let type, _): type
        }
    }

    /// TXT data holding `value`, split into character-strings of at most 255 bytes (RFC 7208 §3.3
    /// style); a reader joins them back. An empty value is one empty string.
    package static func txt(value: String) -> DNSRecordData {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty else { return .txt([[]]) }
        return .txt(stride(from: 0, to: bytes.count, by: 255).map { Array(bytes[$0..<min($0 + 255, bytes.count)]) })
    }

    /// For TXT data, its character-strings joined (how TXT values longer than 255 bytes are read).
    package var joinedText: String? {
        guard case .txt(let strings) = self else { return nil }
        return String(decoding: strings.joined(), as: UTF8.self)
    }
}
