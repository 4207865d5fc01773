import Testing

@testable import SidecertACME

@Suite struct AccountKeyTests {
    @Test(arguments: AccountKey.Algorithm.allCases)
    func pemRoundTripKeepsTheKey(algorithm: AccountKey.Algorithm) throws {
        let key = try AccountKey.generate(algorithm)
        #expect(key.algorithm == algorithm)
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reloaded = try AccountKey(pemRepresentation: key.pemRepresentation)
        #expect(reloaded.algorithm == algorithm)
        #expect(reloaded.jwk == key.jwk)
        #expect(reloaded.thumbprint() == key.thumbprint())
    }

    @Test func es256JWKHasP256Coordinates() throws {
        let key = try AccountKey.generate(.es256)
        let members = Dictionary(uniqueKeysWithValues: key.jwk.members.map { ($0.name, $0.value) })
        #expect(members["kty"] == "EC")
        #expect(members["crv"] == "P-256")
        #expect(Base64URL.decode(members["x"] ?? "")?.count == 32)
        #expect(Base64URL.decode(members["y"] ?? "")?.count == 32)
        #expect(key.thumbprint().count == 43)
    }

    @Test func rs256JWKHasModulusAndExponent() throws {
        let key = try AccountKey.generate(.rs256)
        let members = Dictionary(uniqueKeysWithValues: key.jwk.members.map { ($0.name, $0.value) })
        #expect(members["kty"] == "RSA")
        #expect(members["e"] == "AQAB")
        #expect(Base64URL.decode(members["n"] ?? "")?.count == 256)
    }

    @Test func rejectsWhatIsNotAnAccountKey() {
        let error = #expect(throws: ACMEError.self) {
            try AccountKey(pemRepresentation: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        }
        #expect(error?.code == .invalidAccountKey)
    }
}
