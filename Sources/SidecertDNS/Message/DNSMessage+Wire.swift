/// Encoding and decoding of whole messages.
extension DNSMessage {
    /// Decodes a message; throws ``DNSError`` (``DNSError/Code/malformedMessage``) for anything that is
    /// not a well-formed message, never traps.
    package init(wire: [UInt8]) throws(DNSError) {
        self = try Self.decode(wire: wire).message
    }

    /// The message in wire form. Names are not compressed.
    package func wireFormat() throws(DNSError) -> [UInt8] {
        var writer = DNSWireWriter()
        try encode(into: &writer)
        return writer.bytes
    }

    /// Where the header's ARCOUNT sits, which TSIG adjusts.
    static let additionalCountOffset = 10

    /// A decoded message, and where its TSIG record starts (TSIG verification needs the bytes before it).
    struct Decoded {
        var message: DNSMessage
        var tsigOffset: Int?
    }

    static func decode(wire: [UInt8]) throws(DNSError) -> Decoded {
        var reader = DNSWireReader(wire)
        let id = try reader.readUInt16("the header")
        let flags = try reader.readUInt16("the header")
        let questionCount = try reader.readUInt16("the header")
        let answerCount = try reader.readUInt16("the header")
        let authorityCount = try reader.readUInt16("the header")
        let additionalCount = try reader.readUInt16("the header")

        var message = DNSMessage(
            id: id,
            isResponse: flags & 0x8000 != 0,
            opcode: DNSOpcode(rawValue: UInt8(truncatingIfNeeded: flags >> 11)),
            isAuthoritativeAnswer: flags & 0x0400 != 0,
            isTruncated: flags & 0x0200 != 0,
            recursionDesired: flags & 0x0100 != 0,
            recursionAvailable: flags & 0x0080 != 0,
            authenticData: flags & 0x0020 != 0,
            checkingDisabled: flags & 0x0010 != 0,
            responseCode: DNSResponseCode(rawValue: flags & 0x000F)
        )
        // No capacity is reserved from the counts: they are the sender's claim, not a fact.
        for index in 0..<Int(questionCount) {
            let name = try reader.readName("question \(index + 1)'s name")
            let type = try reader.readUInt16("question \(index + 1)")
            let recordClass = try reader.readUInt16("question \(index + 1)")
            message.questions.append(
                DNSQuestion(name: name, type: DNSRecordType(rawValue: type), recordClass: DNSClass(rawValue: recordClass))
            )
        }
        for index in 0..<Int(answerCount) {
            message.answers.append(try reader.readRecord("answer \(index + 1)").record(in: "answer"))
        }
        for index in 0..<Int(authorityCount) {
            message.authorities.append(try reader.readRecord("authority record \(index + 1)").record(in: "authority"))
        }
        var tsigOffset: Int?
        for index in 0..<Int(additionalCount) {
            let start = reader.position
            switch try reader.readRecord("additional record \(index + 1)") {
            case .record(let record):
                message.additionals.append(record)
            case .opt(let edns, let extendedCode):
                guard message.edns == nil else {
                    throw DNSError.malformed("a second OPT record", at: start)
                }
                message.edns = edns
                message.responseCode = DNSResponseCode(rawValue: UInt16(extendedCode) << 4 | message.responseCode.rawValue)
            case .tsig(let tsig):
                guard index == Int(additionalCount) - 1 else {
                    throw DNSError.malformed("a TSIG record that is not the last record", at: start)
                }
                message.tsig = tsig
                tsigOffset = start
            }
        }
        guard reader.remaining == 0 else {
            throw DNSError.malformed("\(reader.remaining) bytes after the last record", at: reader.position)
        }
        return Decoded(message: message, tsigOffset: tsigOffset)
    }

    func encode(into writer: inout DNSWireWriter) throws(DNSError) {
        guard responseCode.rawValue <= 0x0F || (edns != nil && responseCode.rawValue <= 0x0FFF) else {
            throw DNSError(
                code: .invalidArgument,
                message: "RCODE \(responseCode) needs EDNS (an OPT record) to be sent, and at most 12 bits"
            )
        }
        let additionalCount = additionals.count + (edns == nil ? 0 : 1) + (tsig == nil ? 0 : 1)
        for (section, count) in [
            ("question", questions.count), ("answer", answers.count), ("authority", authorities.count),
            ("additional", additionalCount),
        ] where count > Int(UInt16.max) {
            throw DNSError(code: .invalidArgument, message: "the \(section) section has \(count) entries; at most 65535 fit")
        }
        writer.writeUInt16(id)
        var flags = UInt16(opcode.rawValue) << 11 | (responseCode.rawValue & 0x0F)
        if isResponse { flags |= 0x8000 }
        if isAuthoritativeAnswer { flags |= 0x0400 }
        if isTruncated { flags |= 0x0200 }
        if recursionDesired { flags |= 0x0100 }
        if recursionAvailable { flags |= 0x0080 }
        if authenticData { flags |= 0x0020 }
        if checkingDisabled { flags |= 0x0010 }
        writer.writeUInt16(flags)
        writer.writeUInt16(UInt16(questions.count))
        writer.writeUInt16(UInt16(answers.count))
        writer.writeUInt16(UInt16(authorities.count))
        writer.writeUInt16(UInt16(additionalCount))
        for question in questions {
            writer.writeName(question.name)
            writer.writeUInt16(question.type.rawValue)
            writer.writeUInt16(question.recordClass.rawValue)
        }
        for record in answers + authorities + additionals {
            try writer.writeRecord(record)
        }
        if let edns {
            try writer.writeOPT(edns, extendedResponseCode: UInt8(truncatingIfNeeded: responseCode.rawValue >> 4))
        }
        if let tsig {
            try writer.writeTSIG(tsig)
        }
    }
}
