/// Reading resource records and their typed data.
extension DNSWireReader {
    /// What one record slot of a message held: a plain record, or one of the pseudo-records that
    /// ``DNSMessage`` keeps apart.
    enum RecordSlot {
        case record(DNSResourceRecord)
        case opt(DNSEDNS, extendedResponseCode: UInt8)
        case tsig(DNSTSIGRecord)

        /// The plain record; a pseudo-record outside the additional section is malformed (RFC 6891 §6.1.1).
        func record(in section: String) throws(DNSError) -> DNSResourceRecord {
            switch self {
            case .record(let record): return record
            case .opt: throw DNSError(code: .malformedMessage, message: "malformed DNS message: an OPT record in the \(section) section")
            case .tsig: throw DNSError(code: .malformedMessage, message: "malformed DNS message: a TSIG record in the \(section) section")
            }
        }
    }

    mutating func readRecord(_ what: String) throws(DNSError) -> RecordSlot {
        let start = position
        let name = try readName("\(what)'s name")
        let type = DNSRecordType(rawValue: try readUInt16(what))
        let recordClass = try readUInt16(what)
        let ttl = try readUInt32(what)
        let length = Int(try readUInt16(what))
        switch type {
        case .opt:
            guard name.isRoot else {
                throw DNSError.malformed("an OPT record owned by '\(name)' instead of the root", at: start)
            }
            let options = try withLimit(length, "\(what)'s data") { (reader) throws(DNSError) in
                var options: [DNSEDNS.Option] = []
                while reader.remaining > 0 {
                    let code = try reader.readUInt16("an EDNS option")
                    let optionLength = Int(try reader.readUInt16("an EDNS option"))
                    options.append(DNSEDNS.Option(code: code, data: try reader.readBytes(optionLength, "an EDNS option's data")))
                }
                return options
            }
            let edns = DNSEDNS(
                udpPayloadSize: recordClass,
                version: UInt8(truncatingIfNeeded: ttl >> 16),
                dnssecOK: ttl & 0x8000 != 0,
                options: options
            )
            return .opt(edns, extendedResponseCode: UInt8(truncatingIfNeeded: ttl >> 24))
        case .tsig:
            let tsig = try withLimit(length, "\(what)'s data") { (reader) throws(DNSError) in
                let algorithm = try reader.readName("the TSIG algorithm")
                let timeSigned = try reader.readUInt48("the TSIG time")
                let fudge = try reader.readUInt16("the TSIG fudge")
                let mac = try reader.readBytes(Int(try reader.readUInt16("the TSIG MAC size")), "the TSIG MAC")
                let originalID = try reader.readUInt16("the TSIG original ID")
                let error = try reader.readUInt16("the TSIG error")
                let otherData = try reader.readBytes(Int(try reader.readUInt16("the TSIG other length")), "the TSIG other data")
                return DNSTSIGRecord(
                    keyName: name,
                    algorithm: algorithm,
                    timeSigned: timeSigned,
                    fudge: fudge,
                    mac: mac,
                    originalID: originalID,
                    error: DNSResponseCode(rawValue: error),
                    otherData: otherData
                )
            }
            return .tsig(tsig)
        default:
            let data = try withLimit(length, "\(what)'s data") { (reader) throws(DNSError) in
                try reader.readRecordData(type: type, length: length)
            }
            return .record(DNSResourceRecord(name: name, recordClass: DNSClass(rawValue: recordClass), ttl: ttl, data: data))
        }
    }

    /// Reads `length` bytes of RDATA of `type` (the caller has limited reads to them).
    private mutating func readRecordData(type: DNSRecordType, length: Int) throws(DNSError) -> DNSRecordData {
        // Empty data is how UPDATE deletes whole RRsets (class ANY); keep it raw whatever the type.
        guard length > 0 else { return .unknown(type: type, bytes: []) }
        switch type {
        case .a:
            guard length == 4 else { throw DNSError.malformed("an A record with \(length) bytes of data instead of 4", at: position) }
            return .a(DNSIPv4Address(bytes: try readBytes(4, "an IPv4 address"))!)
        case .aaaa:
            guard length == 16 else {
                throw DNSError.malformed("an AAAA record with \(length) bytes of data instead of 16", at: position)
            }
            return .aaaa(DNSIPv6Address(bytes: try readBytes(16, "an IPv6 address"))!)
        case .ns:
            return .ns(try readName("an NS record's server name"))
        case .cname:
            return .cname(try readName("a CNAME record's target"))
        case .soa:
            return .soa(
                DNSSOAData(
                    primaryServer: try readName("an SOA record's primary server"),
                    responsibleMailbox: try readName("an SOA record's mailbox"),
                    serial: try readUInt32("an SOA record's serial"),
                    refresh: try readUInt32("an SOA record's refresh"),
                    retry: try readUInt32("an SOA record's retry"),
                    expire: try readUInt32("an SOA record's expire"),
                    minimum: try readUInt32("an SOA record's minimum")
                )
            )
        case .txt:
            var strings: [[UInt8]] = []
            while remaining > 0 {
                let count = Int(try readUInt8("a TXT character-string"))
                strings.append(try readBytes(count, "a TXT character-string"))
            }
            return .txt(strings)
        default:
            return .unknown(type: type, bytes: try readBytes(length, "record data"))
        }
    }
}
