import Testing

@testable import SidecertACME

@Suite struct JSONWebKeyTests {
    /// RFC 7638 §3.1: the RSA key whose SHA-256 thumbprint the RFC gives.
    static let rfc7638Modulus =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn6"
        + "4tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n9"
        + "1CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"

    @Test func rfc7638ThumbprintOfTheRSAExample() throws {
        let modulus = try #require(Base64URL.decode(Self.rfc7638Modulus))
        let exponent = try #require(Base64URL.decode("AQAB"))
        let jwk = JSONWebKey.rsa(modulus: modulus, exponent: exponent)
        #expect(jwk.canonicalJSON == #"{"e":"AQAB","kty":"RSA","n":"\#(Self.rfc7638Modulus)"}"#)
        #expect(jwk.thumbprint() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    }

    @Test func leadingZeroOctetsDoNotChangeTheThumbprint() throws {
        let modulus = try #require(Base64URL.decode(Self.rfc7638Modulus))
        let padded = JSONWebKey.rsa(modulus: [0] + modulus, exponent: [0, 1, 0, 1])
        #expect(padded.thumbprint() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    }

    @Test func ellipticCurveMembersAreInLexicographicOrder() {
        let jwk = JSONWebKey.ellipticCurve(curve: "P-256", x: [1, 2, 3], y: [0xFF, 0xFE])
        #expect(jwk.canonicalJSON == #"{"crv":"P-256","kty":"EC","x":"AQID","y":"__4"}"#)
        #expect(jwk.members.map(\.name) == ["crv", "kty", "x", "y"])
    }

    @Test func encodesAsTheSameJSONObject() throws {
        let jwk = JSONWebKey.ellipticCurve(curve: "P-256", x: [1, 2, 3], y: [4, 5, 6])
        #expect(String(decoding: try ACMEJSON.encode(jwk), as: UTF8.self) == jwk.canonicalJSON)
    }
}
