import Testing

@testable import SidecertACME

@Suite struct Base64URLTests {
    @Test(arguments: [
        ([UInt8](), ""), ([0xFB], "-w"), ([0xFF, 0xFF], "__8"), ([1, 2, 3], "AQID"),
        ([0xFB, 0xEF, 0xBE, 0xFF], "----_w"),
    ])
    func encodesWithoutPadding(bytes: [UInt8], expected: String) {
        let encoded = Base64URL.encode(bytes)
        #expect(encoded == expected)
        #expect(!encoded.contains("="))
        #expect(Base64URL.decode(encoded) == bytes)
    }

    @Test func decodesPaddedAndStandardAlphabet() {
        #expect(Base64URL.decode("__8=") == [0xFF, 0xFF])
        #expect(Base64URL.decode("//8=") == [0xFF, 0xFF])
        #expect(Base64URL.decode("not base64!") == nil)
    }

    @Test func wellFormedTokens() {
        #expect(Base64URL.isWellFormed("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0"))
        #expect(!Base64URL.isWellFormed(""))
        #expect(!Base64URL.isWellFormed("../../etc/passwd"))
        #expect(!Base64URL.isWellFormed("abc="))
        #expect(!Base64URL.isWellFormed("äbc"))
    }
}
