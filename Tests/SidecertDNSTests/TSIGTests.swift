import Testing

@testable import SidecertDNS

@Suite struct TSIGTests {
    private let key = try! TSIGKey(name: DNSName("update-key"), base64Secret: "c2VjcmV0LXNlY3JldC1zZWNyZXQ=")

    /// An answer with the TSIG error a server sends for a request it could not authenticate.
    private func answer(withTSIGError error: DNSResponseCode, otherData: [UInt8] = []) throws -> [UInt8] {
        try DNSMessage(
            id: 1,
            isResponse: true,
            opcode: .update,
            responseCode: .notAuthoritative,
            questions: [DNSQuestion(name: DNSName("example.test"), type: .soa)],
            tsig: DNSTSIGRecord(
                keyName: key.name,
                algorithm: key.algorithm.name,
                timeSigned: 1_700_000_000,
                fudge: 300,
                mac: [],
                originalID: 1,
                error: error,
                otherData: otherData
            )
        ).wireFormat()
    }

    @Test func theServersTSIGErrorsAreSaidInWords() throws {
        let cases: [(DNSResponseCode, DNSError.Code, String)] = [
            (.badKey, .tsigUnknownKey, "the server does not know TSIG key 'update-key'"),
            (.badVersionOrSignature, .tsigBadSignature, "the TSIG signature was rejected: wrong secret or algorithm"),
            (.badTruncation, .tsigBadTruncation, "truncated TSIG MAC"),
            (.badAlgorithm, .tsigRejected, "BADALG"),
        ]
        for (tsigError, code, words) in cases {
            let error = #expect(throws: DNSError.self) {
                try key.verify(response: answer(withTSIGError: tsigError), requestMAC: [1, 2, 3], now: 1_700_000_000)
            }
            #expect(error?.code == code)
            #expect(error?.responseCode == tsigError)
            #expect(error?.message.contains(words) == true, "\(error?.message ?? "")")
        }
    }

    @Test func badTimeSaysHowFarTheClocksAreApart() throws {
        // The server's own time, 1700000000 + 4000, in the other data (RFC 8945 §5.2.3).
        let serverTime: UInt64 = 1_700_004_000
        let otherData = (0..<6).map { UInt8(truncatingIfNeeded: serverTime >> (8 * (5 - $0))) }
        let error = #expect(throws: DNSError.self) {
            try key.verify(response: answer(withTSIGError: .badTime, otherData: otherData), requestMAC: [], now: 1_700_000_000)
        }
        #expect(error?.code == .tsigBadTime)
        #expect(error?.message.contains("4000 seconds") == true, "\(error?.message ?? "")")
    }

    @Test func anUnsignedSuccessIsNotTrustedButAnUnsignedErrorIsReported() throws {
        var message = DNSMessage(id: 1, isResponse: true, opcode: .update, questions: [DNSQuestion(name: try DNSName("example.test"), type: .soa)])
        let error = #expect(throws: DNSError.self) {
            try key.verify(response: message.wireFormat(), requestMAC: [], now: 0)
        }
        #expect(error?.code == .tsigResponseNotVerified)

        message.responseCode = .formatError
        #expect(try key.verify(response: message.wireFormat(), requestMAC: [], now: 0).responseCode == .formatError)
    }

    @Test func anAnswerSignedWithAnotherKeyIsRefused() throws {
        let other = TSIGKey(name: try DNSName("other-key"), secret: [1, 2, 3])
        let request = try key.sign(DNSMessage(id: 5, opcode: .update), time: 100)
        // Sign an "answer" with the other key, over our request's MAC.
        var answer = DNSMessage(id: 5, isResponse: true, opcode: .update)
        answer.responseCode = .noError
        let signedAnswer = try other.sign(answer, time: 100)
        let error = #expect(throws: DNSError.self) {
            try key.verify(response: signedAnswer.wire, requestMAC: request.mac, now: 100)
        }
        #expect(error?.code == .tsigResponseNotVerified)
        #expect(error?.message.contains("other-key") == true)
    }

    @Test func algorithmsParseAsKeyFilesWriteThem() throws {
        #expect(try TSIGAlgorithm("hmac-sha256") == .hmacSHA256)
        #expect(try TSIGAlgorithm("HMAC-SHA512.") == .hmacSHA512)
        #expect(try TSIGAlgorithm("hmac-sha384") == .hmacSHA384)
        #expect(try TSIGAlgorithm("hmac-sha1") == .hmacSHA1)
        #expect(TSIGAlgorithm.hmacSHA256.name.fullyQualifiedText == "hmac-sha256.")
        let error = #expect(throws: DNSError.self) { try TSIGAlgorithm("hmac-md5") }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("hmac-sha256, hmac-sha384, hmac-sha512, hmac-sha1") == true)
    }

    @Test func aSecretThatIsNotBase64IsRefusedAndNoSecretIsEverPrinted() throws {
        let error = #expect(throws: DNSError.self) { try TSIGKey(name: DNSName("k"), base64Secret: "not base64!") }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("'k'") == true)
        #expect(key.description == "TSIG key 'update-key' (hmac-sha256)")
        #expect(!"\(key)".contains("c2Vj"))
    }

    @Test func signingAppendsTheRecordAndCountsIt() throws {
        let message = DNSMessage(id: 0x4242, opcode: .update, questions: [DNSQuestion(name: try DNSName("example.test"), type: .soa)])
        let signed = try key.sign(message, time: 1_700_000_000)
        let decoded = try DNSMessage(wire: signed.wire)
        #expect(decoded.tsig?.keyName == key.name)
        #expect(decoded.tsig?.mac == signed.mac)
        #expect(decoded.tsig?.originalID == 0x4242)
        #expect(decoded.tsig?.fudge == 300)
        #expect(decoded.tsig?.timeSigned == 1_700_000_000)
        var withoutTSIG = decoded
        withoutTSIG.tsig = nil
        #expect(withoutTSIG == message)
    }
}
