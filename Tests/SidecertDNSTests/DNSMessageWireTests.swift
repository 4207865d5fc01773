import Testing

@testable import SidecertDNS

@Suite struct DNSMessageWireTests {
    /// RFC 1035 §4.1.4's example, laid out as a real message: F.ISI.ARPA in the question, FOO.F.ISI.ARPA
    /// as a label plus a pointer to it, ARPA as a pointer into its middle, and the root.
    @Test func decodesTheCompressionExampleOfRFC1035() throws {
        var wire: [UInt8] = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0]
        #expect(wire.count == 12)
        wire += [1, 0x46, 3, 0x49, 0x53, 0x49, 4, 0x41, 0x52, 0x50, 0x41, 0]  // F.ISI.ARPA at offset 12
        wire += [0, 1, 0, 1]  // A, IN
        wire += [3, 0x46, 0x4F, 0x4F, 0xC0, 12]  // FOO + pointer to 12
        wire += [0, 2, 0, 1, 0, 0, 0x0E, 0x10, 0, 2, 0xC0, 18]  // NS, IN, 3600, rdata = pointer to "ARPA" at 18
        wire += [0]  // the root
        wire += [0, 16, 0, 1, 0, 0, 0, 0, 0, 4, 3, 0x61, 0x62, 0x63]  // TXT "abc"

        let message = try DNSMessage(wire: wire)
        #expect(message.id == 0x1234)
        #expect(message.isResponse && message.recursionDesired && message.recursionAvailable)
        #expect(message.questions == [DNSQuestion(name: try DNSName("F.ISI.ARPA"), type: .a)])
        #expect(message.answers[0].name == (try DNSName("foo.f.isi.arpa")))
        #expect(message.answers[0].data == .ns(try DNSName("ARPA")))
        #expect(message.answers[0].ttl == 3600)
        #expect(message.answers[1].name == .root)
        #expect(message.answers[1].data == .txt([Array("abc".utf8)]))

        // Re-encoded without compression, it means the same.
        let reencoded = try message.wireFormat()
        #expect(reencoded.count > wire.count)
        #expect(try DNSMessage(wire: reencoded) == message)
    }

    @Test func everyFieldSurvivesARoundTrip() throws {
        let zone = try DNSName("example.test")
        let message = DNSMessage(
            id: 0xBEEF,
            isResponse: true,
            opcode: .update,
            isAuthoritativeAnswer: true,
            isTruncated: true,
            recursionDesired: true,
            recursionAvailable: true,
            authenticData: true,
            checkingDisabled: true,
            responseCode: .badVersionOrSignature,
            questions: [DNSQuestion(name: zone, type: .soa)],
            answers: [
                DNSResourceRecord(name: zone, ttl: 60, data: .a(DNSIPv4Address("192.0.2.1")!)),
                DNSResourceRecord(name: zone, ttl: 60, data: .aaaa(DNSIPv6Address("2001:db8::53")!)),
                DNSResourceRecord(name: zone, ttl: 60, data: .ns(try DNSName("ns1.example.test"))),
                DNSResourceRecord(name: try DNSName("www.example.test"), ttl: 60, data: .cname(zone)),
            ],
            authorities: [
                DNSResourceRecord(
                    name: zone,
                    ttl: 300,
                    data: .soa(
                        DNSSOAData(
                            primaryServer: try DNSName("ns1.example.test"),
                            responsibleMailbox: try DNSName("hostmaster.example.test"),
                            serial: 2_026_010_101,
                            refresh: 3600,
                            retry: 600,
                            expire: 86400,
                            minimum: 60
                        )
                    )
                ),
                DNSResourceRecord(name: zone, recordClass: .none, ttl: 0, data: .txt(value: "one")),
                DNSResourceRecord(name: zone, recordClass: .any, ttl: 0, data: .unknown(type: .txt, bytes: [])),
            ],
            additionals: [
                DNSResourceRecord(name: zone, ttl: 1, data: .unknown(type: DNSRecordType(rawValue: 65), bytes: [1, 2, 3]))
            ],
            edns: DNSEDNS(udpPayloadSize: 4096, version: 0, dnssecOK: true, options: [.init(code: 10, data: [1, 2, 3, 4, 5, 6, 7, 8])]),
            tsig: DNSTSIGRecord(
                keyName: try DNSName("key.example"),
                algorithm: TSIGAlgorithm.hmacSHA256.name,
                timeSigned: 0xFFFF_FFFF_FFFF,
                fudge: 300,
                mac: [UInt8](repeating: 7, count: 32),
                originalID: 0xBEEF,
                error: .badTime,
                otherData: [0, 0, 0x65, 0x53, 0xF1, 0x00]
            )
        )
        let wire = try message.wireFormat()
        let decoded = try DNSMessage(wire: wire)
        #expect(decoded == message)
        #expect(decoded.responseCode.rawValue == 16, "the extended RCODE is rebuilt from the OPT record")
        #expect(Array(wire[2...3]) == [0xAF, 0xB0], "QR, UPDATE, AA, TC, RD / RA, AD, CD, low RCODE bits 0")
    }

    @Test func anRCodeAbove15NeedsEDNS() throws {
        let message = DNSMessage(id: 1, responseCode: .badCookie)
        let error = #expect(throws: DNSError.self) { try message.wireFormat() }
        #expect(error?.code == .invalidArgument)
    }

    @Test func aQueryCarriesEDNSAndAskedForRecursionOrNot() throws {
        let name = try DNSName("example.test")
        let query = DNSMessage.query(id: 7, name: name, type: .txt, recursionDesired: false)
        let wire = try query.wireFormat()
        #expect(Array(wire[0..<12]) == [0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1])
        #expect(try DNSMessage(wire: wire).edns?.udpPayloadSize == 1232)
    }

    @Test func txtValuesLongerThan255BytesAreSplitAndJoined() throws {
        let value = String(repeating: "0123456789", count: 60)
        guard case .txt(let strings) = DNSRecordData.txt(value: value) else {
            Issue.record("not TXT data")
            return
        }
        #expect(strings.map(\.count) == [255, 255, 90])
        let record = DNSResourceRecord(name: try DNSName("t.example"), ttl: 60, data: .txt(value: value))
        let decoded = try DNSMessage(wire: try DNSMessage(id: 1, answers: [record]).wireFormat())
        #expect(decoded.answers[0].data.joinedText == value)

        if case .txt(let exact) = DNSRecordData.txt(value: String(repeating: "a", count: 255)) {
            #expect(exact.count == 1)
        }
        #expect(DNSRecordData.txt(value: "") == .txt([[]]))
        #expect(DNSRecordData.txt(value: "").joinedText == "")
    }

    @Test func aTXTStringOver255BytesIsRefusedWhenEncoding() throws {
        let record = DNSResourceRecord(name: try DNSName("t.example"), ttl: 60, data: .txt([[UInt8](repeating: 1, count: 256)]))
        let error = #expect(throws: DNSError.self) { try DNSMessage(id: 1, answers: [record]).wireFormat() }
        #expect(error?.code == .invalidArgument)
    }

    @Test func addressesParseAndPrint() {
        #expect(DNSIPv4Address("192.0.2.1")?.bytes == [192, 0, 2, 1])
        #expect(DNSIPv4Address("192.0.2") == nil)
        #expect(DNSIPv4Address("192.0.2.256") == nil)
        #expect(DNSIPv6Address("2001:db8::1")?.description == "2001:db8::1")
        #expect(DNSIPv6Address("::")?.description == "::")
        #expect(DNSIPv6Address("2001:db8:0:0:1:0:0:1")?.description == "2001:db8::1:0:0:1")
        #expect(DNSIPv6Address("2001:db8:0:1:1:1:1:1")?.description == "2001:db8:0:1:1:1:1:1")
        #expect(DNSIPv6Address("::ffff:192.0.2.1")?.bytes.suffix(6) == [0xFF, 0xFF, 192, 0, 2, 1])
        #expect(DNSIPv6Address("1:2:3:4:5:6:7::8") == nil)
        #expect(DNSIPv6Address("12345::") == nil)
        #expect(DNSIPv6Address("192.0.2.1") == nil)
    }
}
