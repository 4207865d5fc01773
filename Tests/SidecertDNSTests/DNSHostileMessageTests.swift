import Testing

@testable import SidecertDNS

/// Decoding never traps: every kind of damage is a thrown ``DNSError`` with code `malformedMessage`.
@Suite struct DNSHostileMessageTests {
    /// A header announcing `questions` questions and `answers` answers.
    private func header(questions: UInt8 = 0, answers: UInt8 = 0, additionals: UInt8 = 0) -> [UInt8] {
        [0xAB, 0xCD, 0x81, 0x80, 0, questions, 0, answers, 0, 0, 0, additionals]
    }

    private func expectMalformed(_ wire: [UInt8], _ why: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: DNSError.self, "\(why)", sourceLocation: sourceLocation) { try DNSMessage(wire: wire) }
        #expect(error?.code == .malformedMessage, sourceLocation: sourceLocation)
    }

    @Test func aPointerToItselfIsRefused() {
        expectMalformed(header(questions: 1) + [0xC0, 12, 0, 1, 0, 1], "pointer loop of length 1")
    }

    @Test func twoPointersPointingAtEachOtherAreRefused() {
        // Question 1 is a pointer to question 2's name, which points back: forward pointers are refused.
        expectMalformed(header(questions: 2) + [0xC0, 18, 0, 1, 0, 1] + [0xC0, 12, 0, 1, 0, 1], "pointer loop of length 2")
    }

    @Test func aPointerBeyondTheMessageIsRefused() {
        expectMalformed(header(questions: 1) + [0xC0, 200, 0, 1, 0, 1], "pointer past the end")
        expectMalformed(header(questions: 1) + [0xC0], "pointer cut in half")
    }

    @Test func aNameLongerThan255BytesThroughPointersIsRefused() {
        // Each name adds a 63-byte label in front of a pointer to the previous one; the fifth is too long.
        var wire = header(questions: 5)
        var previous: Int?
        for _ in 0..<5 {
            let start = wire.count
            wire += [63] + [UInt8](repeating: 0x61, count: 63)
            wire += previous.map { [0xC0 | UInt8($0 >> 8), UInt8($0 & 0xFF)] } ?? [0]
            wire += [0, 16, 0, 1]
            previous = start
        }
        expectMalformed(wire, "a 321-byte name")
    }

    @Test func extendedLabelTypesAreRefused() {
        expectMalformed(header(questions: 1) + [0x41, 0, 0, 1, 0, 1], "label type 0b01")
    }

    @Test func countsLargerThanTheMessageAreRefused() {
        expectMalformed([0, 1, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "65535 of everything, no data")
        expectMalformed(header(questions: 2) + [0, 0, 1, 0, 1], "two questions announced, one present")
    }

    @Test func recordDataPastTheEndIsRefused() {
        expectMalformed(header(answers: 1) + [0, 0, 16, 0, 1, 0, 0, 0, 0, 0, 10, 3, 0x61, 0x62, 0x63], "RDLENGTH 10, 4 bytes")
        expectMalformed(header(answers: 1) + [0, 0, 16, 0, 1, 0, 0, 0, 0, 0, 2, 5, 0x61], "a TXT string longer than its record")
        expectMalformed(header(answers: 1) + [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5], "an A record of 5 bytes")
        expectMalformed(header(answers: 1) + [0, 0, 5, 0, 1, 0, 0, 0, 0, 0, 3, 0, 0, 0], "a CNAME with bytes after its name")
        expectMalformed(header(answers: 1) + [0, 0, 5, 0, 1, 0, 0, 0, 0, 0, 2, 1, 0x61, 0], "a CNAME whose name leaves its data")
    }

    @Test func aHeaderShorterThan12BytesIsRefused() {
        for length in 0..<12 {
            expectMalformed(Array(header().prefix(length)), "\(length)-byte header")
        }
    }

    @Test func trailingBytesAreRefused() {
        expectMalformed(header() + [0], "one byte after the last record")
    }

    @Test func pseudoRecordsOutOfPlaceAreRefused() {
        let opt: [UInt8] = [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 0]
        expectMalformed(header(answers: 1) + opt, "OPT in the answer section")
        expectMalformed(header(additionals: 2) + opt + opt, "two OPT records")
        expectMalformed(header(additionals: 1) + [1, 0x61] + opt.dropFirst(), "OPT not owned by the root")
        let tsig: [UInt8] = [0, 0, 250, 0, 255, 0, 0, 0, 0, 0, 17] + [0, 0, 0, 0, 0, 0, 0, 1, 0x2C, 0, 0, 0, 1, 0, 0, 0, 0]
        #expect(throws: Never.self) { try DNSMessage(wire: header(additionals: 1) + tsig) }
        expectMalformed(header(additionals: 2) + tsig + opt, "TSIG before another record")
    }

    /// Every prefix of a valid message is cut somewhere: each must throw, none may trap.
    @Test func everyTruncationOfARealMessageThrows() throws {
        let message = DNSMessage(
            id: 9,
            isResponse: true,
            questions: [DNSQuestion(name: try DNSName("www.example.test"), type: .txt)],
            answers: [DNSResourceRecord(name: try DNSName("www.example.test"), ttl: 5, data: .txt(value: "v"))],
            edns: DNSEDNS()
        )
        let wire = try message.wireFormat()
        for length in 0..<wire.count {
            expectMalformed(Array(wire.prefix(length)), "cut at \(length)")
        }
    }

    /// Random bytes behind a plausible header, from a fixed seed: decoding either throws DNSError or
    /// gives a message that survives a round trip. The fuzz target (Fuzz/DNSMessage) does the same at length.
    @Test func randomBytesNeverTrap() throws {
        var generator = SplitMix64(seed: 0x5EED)
        var decodedCount = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0..<80, using: &generator)
            var wire = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if wire.count >= 12 {
                // Small counts, or almost everything fails at the first record.
                for index in [5, 7, 9, 11] { wire[index] &= 0x03 }
                for index in [4, 6, 8, 10] { wire[index] = 0 }
            }
            do {
                let message = try DNSMessage(wire: wire)
                decodedCount += 1
                #expect(try DNSMessage(wire: message.wireFormat()) == message)
            } catch {
                #expect(error.code == .malformedMessage)
            }
        }
        #expect(decodedCount > 0, "some random inputs should decode, or this test exercises nothing past the header")
    }
}

/// A small deterministic generator, so a failure repeats.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
