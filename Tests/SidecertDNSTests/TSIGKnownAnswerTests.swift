import Testing

@testable import SidecertDNS

/// TSIG against vectors from dnspython (see ``TSIGVector``): the same bytes signed give the same
/// record, and its signed answers verify, byte for byte.
@Suite struct TSIGKnownAnswerTests {
    private func key(_ vector: TSIGVector, secret: String = TSIGVector.base64Secret) throws -> TSIGKey {
        try TSIGKey(name: DNSName(TSIGVector.keyName), algorithm: vector.algorithm, base64Secret: secret)
    }

    @Test(arguments: TSIGVector.all)
    func signingTheUnsignedBytesGivesDnspythonsMessage(_ vector: TSIGVector) throws {
        let request = [UInt8](hex: vector.request)
        let decoded = try DNSMessage.decode(wire: request)
        let tsigOffset = try #require(decoded.tsigOffset)
        var unsigned = Array(request[..<tsigOffset])
        unsigned[11] -= 1  // ARCOUNT without the TSIG record

        let signed = try key(vector).sign(wire: unsigned, time: TSIGVector.timeSigned)
        #expect(signed.wire == request)
        #expect(signed.mac == [UInt8](hex: vector.requestMAC))
        #expect(signed.id == 0x1234)
        #expect(decoded.message.tsig?.algorithm == vector.algorithm.name)
    }

    @Test(arguments: TSIGVector.all)
    func dnspythonsSignedAnswerVerifies(_ vector: TSIGVector) throws {
        let answer = try key(vector).verify(
            response: [UInt8](hex: vector.response),
            requestMAC: [UInt8](hex: vector.requestMAC),
            now: TSIGVector.timeSigned + 10
        )
        #expect(answer.isResponse)
        #expect(answer.opcode == .update)
        #expect(answer.questions.first?.name == (try DNSName("example.test")))
    }

    @Test(arguments: TSIGVector.all)
    func anAlteredAnswerDoesNotVerify(_ vector: TSIGVector) throws {
        var altered = [UInt8](hex: vector.response)
        altered[3] ^= 0x05  // the RCODE: NOERROR becomes REFUSED
        let error = #expect(throws: DNSError.self) {
            try key(vector).verify(response: altered, requestMAC: [UInt8](hex: vector.requestMAC), now: TSIGVector.timeSigned)
        }
        #expect(error?.code == .tsigResponseNotVerified)
    }

    @Test func theAnswerMACCoversTheRequestMAC() throws {
        let vector = TSIGVector.all[0]
        var otherRequestMAC = [UInt8](hex: vector.requestMAC)
        otherRequestMAC[0] ^= 1
        let error = #expect(throws: DNSError.self) {
            try key(vector).verify(response: [UInt8](hex: vector.response), requestMAC: otherRequestMAC, now: TSIGVector.timeSigned)
        }
        #expect(error?.code == .tsigResponseNotVerified)
    }

    @Test func anotherSecretDoesNotVerify() throws {
        let vector = TSIGVector.all[0]
        let error = #expect(throws: DNSError.self) {
            try key(vector, secret: "b3RoZXItc2VjcmV0").verify(
                response: [UInt8](hex: vector.response),
                requestMAC: [UInt8](hex: vector.requestMAC),
                now: TSIGVector.timeSigned
            )
        }
        #expect(error?.code == .tsigResponseNotVerified)
        #expect(error?.message.contains("MAC does not match") == true)
    }

    @Test func anAnswerSignedOutsideTheFudgeIsRefused() throws {
        let vector = TSIGVector.all[0]
        let error = #expect(throws: DNSError.self) {
            try key(vector).verify(
                response: [UInt8](hex: vector.response),
                requestMAC: [UInt8](hex: vector.requestMAC),
                now: TSIGVector.timeSigned + 301
            )
        }
        #expect(error?.code == .tsigBadTime)
        #expect(error?.message.contains("301 seconds") == true)
    }
}
