/// Signing requests and verifying answers (RFC 8945 §4.3, §5.3).
extension TSIGKey {
    /// Signs `message` (which must carry no TSIG record) at `time`, seconds since the Unix epoch.
    package func sign(_ message: DNSMessage, time: UInt64, fudge: UInt16 = TSIGKey.defaultFudge) throws(DNSError) -> TSIGSignedRequest {
        var unsigned = message
        unsigned.tsig = nil
        return try sign(wire: unsigned.wireFormat(), time: time, fudge: fudge)
    }

    /// Signs a message already in wire form (without a TSIG record): appends the TSIG record and
    /// counts it in ARCOUNT. Separate from ``sign(_:time:fudge:)`` so known-answer tests can sign bytes
    /// another implementation produced.
    package func sign(wire: [UInt8], time: UInt64, fudge: UInt16 = TSIGKey.defaultFudge) throws(DNSError) -> TSIGSignedRequest {
        guard wire.count >= 12 else {
            throw DNSError(code: .invalidArgument, message: "a DNS message to sign needs at least its 12-byte header")
        }
        let record = DNSTSIGRecord(
            keyName: name,
            algorithm: algorithm.name,
            timeSigned: time,
            fudge: fudge,
            mac: [],
            originalID: UInt16(wire[0]) << 8 | UInt16(wire[1])
        )
        var digest = wire
        digest += Self.variables(of: record)
        var signed = record
        signed.mac = algorithm.mac(of: digest, key: secret)

        var writer = DNSWireWriter()
        writer.writeBytes(wire)
        let additionalCount = UInt16(wire[DNSMessage.additionalCountOffset]) << 8 | UInt16(wire[DNSMessage.additionalCountOffset + 1])
        guard additionalCount < UInt16.max else {
            throw DNSError(code: .invalidArgument, message: "the message already has 65535 additional records; TSIG does not fit")
        }
        writer.patchUInt16(additionalCount + 1, at: DNSMessage.additionalCountOffset)
        try writer.writeTSIG(signed)
        return TSIGSignedRequest(wire: writer.bytes, mac: signed.mac)
    }

    /// Decodes an answer to a request signed with this key and checks its TSIG: the server's TSIG
    /// error (in words), the MAC over the request's MAC and the answer, and the time.
    ///
    /// An answer without TSIG is returned unverified only when it carries an error RCODE (servers that
    /// cannot parse a request answer FORMERR unsigned): the caller reports that RCODE. A successful
    /// answer must be signed.
    ///
    /// - Parameter now: seconds since the Unix epoch, to check the answer's time against the fudge.
    package func verify(response wire: [UInt8], requestMAC: [UInt8], now: UInt64) throws(DNSError) -> DNSMessage {
        let decoded = try DNSMessage.decode(wire: wire)
        let message = decoded.message
        guard let tsig = message.tsig, let tsigOffset = decoded.tsigOffset else {
            guard message.responseCode == .noError else { return message }
            throw DNSError(
                code: .tsigResponseNotVerified,
                message: "the server's answer is not signed, although the request was signed with \(self): it cannot be trusted"
            )
        }
        if tsig.error != .noError {
            throw serverError(tsig, now: now)
        }
        guard tsig.keyName == name, tsig.algorithm == algorithm.name else {
            throw DNSError(
                code: .tsigResponseNotVerified,
                message: "the server's answer is signed with key '\(tsig.keyName)' (\(tsig.algorithm)), not with \(self)"
            )
        }
        guard tsig.mac.count == algorithm.macLength else {
            throw DNSError(
                code: .tsigResponseNotVerified,
                message: "the server's answer carries a \(tsig.mac.count)-byte MAC; \(algorithm) needs \(algorithm.macLength)"
            )
        }
        var digest = DNSWireWriter()
        digest.writeUInt16(UInt16(requestMAC.count))
        digest.writeBytes(requestMAC)
        digest.writeBytes(wire[..<tsigOffset])
        // The MAC was computed before the TSIG record was added, and with the original ID.
        digest.patchUInt16(tsig.originalID, at: 2 + requestMAC.count)
        let countOffset = DNSMessage.additionalCountOffset
        let additionalCount = UInt16(wire[countOffset]) << 8 | UInt16(wire[countOffset + 1])
        digest.patchUInt16(additionalCount - 1, at: 2 + requestMAC.count + countOffset)
        digest.writeBytes(Self.variables(of: tsig))
        guard algorithm.isValid(mac: tsig.mac, of: digest.bytes, key: secret) else {
            throw DNSError(
                code: .tsigResponseNotVerified,
                message:
                    "the server's answer failed TSIG verification with \(self): its MAC does not match (a different secret, or the answer was altered)"
            )
        }
        let skew = Int64(bitPattern: now &- tsig.timeSigned)
        guard skew.magnitude <= UInt64(tsig.fudge) else {
            throw DNSError(
                code: .tsigBadTime,
                message:
                    "the server's signed answer is \(skew.magnitude) seconds off this host's clock (more than the \(tsig.fudge)-second fudge): check both clocks (NTP)"
            )
        }
        return message
    }

    /// The TSIG variables of RFC 8945 §4.3.3, in canonical form, appended to the message for the MAC.
    static func variables(of record: DNSTSIGRecord) -> [UInt8] {
        var writer = DNSWireWriter()
        writer.writeName(record.keyName.lowercased())
        writer.writeUInt16(DNSClass.any.rawValue)
        writer.writeUInt32(0)
        writer.writeName(record.algorithm.lowercased())
        writer.writeUInt48(record.timeSigned)
        writer.writeUInt16(record.fudge)
        writer.writeUInt16(record.error.rawValue)
        writer.writeUInt16(UInt16(truncatingIfNeeded: record.otherData.count))
        writer.writeBytes(record.otherData)
        return writer.bytes
    }

    /// The server's TSIG error, in words.
    private func serverError(_ tsig: DNSTSIGRecord, now: UInt64) -> DNSError {
        let code = message(for: tsig.error)
        return DNSError(code: code.0, message: code.1, responseCode: tsig.error)

        func message(for error: DNSResponseCode) -> (DNSError.Code, String) {
            switch error {
            case .badKey:
                return (
                    .tsigUnknownKey,
                    "the server does not know TSIG key '\(name)' (with algorithm \(algorithm)): check the key's name and algorithm against the server's configuration"
                )
            case .badVersionOrSignature:
                return (.tsigBadSignature, "the TSIG signature was rejected: wrong secret or algorithm for key '\(name)'")
            case .badTime:
                var serverTime = tsig.timeSigned
                if tsig.otherData.count == 6 {
                    serverTime = tsig.otherData.reduce(0) { $0 << 8 | UInt64($1) }
                }
                let skew = Int64(bitPattern: serverTime &- now)
                return (
                    .tsigBadTime,
                    "the server rejected the request's time: its clock and this host's differ by about \(skew.magnitude) seconds, more than the \(tsig.fudge)-second fudge; check both clocks (NTP)"
                )
            case .badTruncation:
                return (.tsigBadTruncation, "the server rejected the request's truncated TSIG MAC for key '\(name)'")
            default:
                return (.tsigRejected, "the server rejected the TSIG of key '\(name)' with error \(error)")
            }
        }
    }
}
