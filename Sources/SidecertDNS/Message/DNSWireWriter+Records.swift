/// Writing resource records, OPT and TSIG.
extension DNSWireWriter {
    mutating func writeRecord(_ record: DNSResourceRecord) throws(DNSError) {
        writeName(record.name)
        writeUInt16(record.type.rawValue)
        writeUInt16(record.recordClass.rawValue)
        writeUInt32(record.ttl)
        try withLengthPrefix("the data of the \(record.type) record at '\(record.name)'") { (writer) throws(DNSError) in
            try writer.writeRecordData(record.data, owner: record.name)
        }
    }

    private mutating func writeRecordData(_ data: DNSRecordData, owner: DNSName) throws(DNSError) {
        switch data {
        case .a(let address):
            writeBytes(address.bytes)
        case .aaaa(let address):
            writeBytes(address.bytes)
        case .ns(let name), .cname(let name):
            writeName(name)
        case .soa(let soa):
            writeName(soa.primaryServer)
            writeName(soa.responsibleMailbox)
            for value in [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum] {
                writeUInt32(value)
            }
        case .txt(let strings):
            for string in strings {
                guard string.count <= 255 else {
                    throw DNSError(
                        code: .invalidArgument,
                        message: "a TXT character-string at '\(owner)' is \(string.count) bytes; split values with DNSRecordData.txt(value:)"
                    )
                }
                writeUInt8(UInt8(string.count))
                writeBytes(string)
            }
        case .unknown(_, let bytes):
            writeBytes(bytes)
        }
    }

    mutating func writeOPT(_ edns: DNSEDNS, extendedResponseCode: UInt8) throws(DNSError) {
        writeName(.root)
        writeUInt16(DNSRecordType.opt.rawValue)
        writeUInt16(edns.udpPayloadSize)
        writeUInt8(extendedResponseCode)
        writeUInt8(edns.version)
        writeUInt16(edns.dnssecOK ? 0x8000 : 0)
        try withLengthPrefix("the EDNS options") { (writer) throws(DNSError) in
            for option in edns.options {
                guard option.data.count <= Int(UInt16.max) else {
                    throw DNSError(code: .invalidArgument, message: "EDNS option \(option.code) is longer than 65535 bytes")
                }
                writer.writeUInt16(option.code)
                writer.writeUInt16(UInt16(option.data.count))
                writer.writeBytes(option.data)
            }
        }
    }

    mutating func writeTSIG(_ tsig: DNSTSIGRecord) throws(DNSError) {
        writeName(tsig.keyName)
        writeUInt16(DNSRecordType.tsig.rawValue)
        writeUInt16(DNSClass.any.rawValue)
        writeUInt32(0)
        try withLengthPrefix("the TSIG record") { (writer) throws(DNSError) in
            guard tsig.timeSigned < 1 << 48, tsig.mac.count <= Int(UInt16.max), tsig.otherData.count <= Int(UInt16.max) else {
                throw DNSError(code: .invalidArgument, message: "the TSIG record's time, MAC or other data does not fit its fields")
            }
            writer.writeName(tsig.algorithm)
            writer.writeUInt48(tsig.timeSigned)
            writer.writeUInt16(tsig.fudge)
            writer.writeUInt16(UInt16(tsig.mac.count))
            writer.writeBytes(tsig.mac)
            writer.writeUInt16(tsig.originalID)
            writer.writeUInt16(tsig.error.rawValue)
            writer.writeUInt16(UInt16(tsig.otherData.count))
            writer.writeBytes(tsig.otherData)
        }
    }
}
