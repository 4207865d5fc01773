/// Dynamic updates (RFC 2136) that touch exactly one TXT record.
extension DNSMessage {
    /// An UPDATE of `zone` that adds one TXT record `value` at `name`. Other TXT records at the name
    /// stay: UPDATE adds to an RRset, it does not replace it.
    package static func updateAddingTXT(
        id: UInt16 = .random(in: .min ... .max),
        zone: DNSName,
        name: DNSName,
        ttl: UInt32,
        value: String
    ) throws(DNSError) -> DNSMessage {
        try update(id: id, zone: zone, record: DNSResourceRecord(name: name, recordClass: .internet, ttl: ttl, data: .txt(value: value)))
    }

    /// An UPDATE of `zone` that deletes the one TXT record `value` at `name` (class NONE with its
    /// data, RFC 2136 §2.5.4), so records someone else put at the same name are never touched.
    package static func updateDeletingTXT(
        id: UInt16 = .random(in: .min ... .max),
        zone: DNSName,
        name: DNSName,
        value: String
    ) throws(DNSError) -> DNSMessage {
        try update(id: id, zone: zone, record: DNSResourceRecord(name: name, recordClass: .none, ttl: 0, data: .txt(value: value)))
    }

    private static func update(id: UInt16, zone: DNSName, record: DNSResourceRecord) throws(DNSError) -> DNSMessage {
        guard record.name.isSubdomain(of: zone) else {
            throw DNSError(code: .invalidArgument, message: "'\(record.name)' is not inside zone '\(zone)', so that zone cannot hold its record")
        }
        return DNSMessage(
            id: id,
            opcode: .update,
            questions: [DNSQuestion(name: zone, type: .soa)],
            authorities: [record]
        )
    }
}
