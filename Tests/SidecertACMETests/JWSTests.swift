import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import SidecertACME

@Suite struct JWSTests {
    /// The decoded parts of a flattened JWS as a server sees them.
    struct Received {
        var header: [String: Any]
        var payload: [UInt8]
        var signingInput: [UInt8]
        var signature: [UInt8]

        init(_ jws: JWS) throws {
            let body = try JSONSerialization.jsonObject(with: Data(try ACMEJSON.encode(jws))) as? [String: String]
            let fields = try #require(body)
            #expect(Set(fields.keys) == ["protected", "payload", "signature"])
            for value in fields.values {
                #expect(!value.contains("="))
            }
            let protected = try #require(fields["protected"])
            let payload = try #require(fields["payload"])
            let headerJSON = try #require(Base64URL.decode(protected))
            header = try #require(try JSONSerialization.jsonObject(with: Data(headerJSON)) as? [String: Any])
            self.payload = try #require(Base64URL.decode(payload))
            signingInput = Array("\(protected).\(payload)".utf8)
            let encodedSignature = try #require(fields["signature"])
            signature = try #require(Base64URL.decode(encodedSignature))
        }
    }

    static let url = URL(string: "https://ca.test/acme/new-order")!
    static let account = URL(string: "https://ca.test/acme/acct/17")!

    @Test func es256SignatureIsRawAndVerifies() throws {
        let privateKey = P256.Signing.PrivateKey()
        let jws = try JWS(
            payload: Array(#"{"a":1}"#.utf8),
            url: Self.url,
            nonce: "nonce-1",
            signer: .accountURL(Self.account),
            key: AccountKey(privateKey)
        )
        let received = try Received(jws)
        #expect(received.signature.count == 64)
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: received.signature)
        #expect(privateKey.publicKey.isValidSignature(signature, for: received.signingInput))
        #expect(received.payload == Array(#"{"a":1}"#.utf8))
    }

    @Test func protectedHeaderCarriesNonceURLAndKid() throws {
        let jws = try JWS(
            payload: nil,
            url: Self.url,
            nonce: "nonce-2",
            signer: .accountURL(Self.account),
            key: try AccountKey.generate()
        )
        let received = try Received(jws)
        #expect(received.header["alg"] as? String == "ES256")
        #expect(received.header["nonce"] as? String == "nonce-2")
        #expect(received.header["url"] as? String == Self.url.absoluteString)
        #expect(received.header["kid"] as? String == Self.account.absoluteString)
        #expect(received.header["jwk"] == nil)
        #expect(jws.payload == "")
    }

    @Test func newAccountCarriesTheJWKInsteadOfKid() throws {
        let key = try AccountKey.generate()
        let received = try Received(
            try JWS(payload: [], url: Self.url, nonce: "n", signer: .jwk(key.jwk), key: key)
        )
        #expect(received.header["kid"] == nil)
        let jwk = try #require(received.header["jwk"] as? [String: String])
        #expect(jwk == Dictionary(uniqueKeysWithValues: key.jwk.members.map { ($0.name, $0.value) }))
    }

    @Test func rs256UsesPKCS1v15() throws {
        let privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let received = try Received(
            try JWS(
                payload: [1],
                url: Self.url,
                nonce: "n",
                signer: .accountURL(Self.account),
                key: AccountKey(privateKey)
            )
        )
        #expect(received.header["alg"] as? String == "RS256")
        let signature = _RSA.Signing.RSASignature(rawRepresentation: received.signature)
        #expect(
            privateKey.publicKey.isValidSignature(signature, for: received.signingInput, padding: .insecurePKCS1v1_5)
        )
    }

    @Test func externalAccountBindingIsHS256OverTheAccountJWK() throws {
        let accountKey = try AccountKey.generate()
        let binding = try ExternalAccountBinding(keyID: "kid-1", encodedMACKey: "c2VjcmV0LWtleS0xMjM0NTY3ODkw")
        let received = try Received(try binding.signature(over: accountKey.jwk, newAccountURL: Self.url))
        #expect(received.header["alg"] as? String == "HS256")
        #expect(received.header["kid"] as? String == "kid-1")
        #expect(received.header["url"] as? String == Self.url.absoluteString)
        #expect(received.header["nonce"] == nil)
        #expect(received.payload == Array(accountKey.jwk.canonicalJSON.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: received.signingInput, using: SymmetricKey(data: binding.macKey))
        #expect(Array(mac) == received.signature)
    }

    @Test func externalAccountBindingRejectsGarbageKeys() {
        let error = #expect(throws: ACMEError.self) {
            try ExternalAccountBinding(keyID: "kid", encodedMACKey: "not*base64")
        }
        #expect(error?.code == .invalidExternalAccountBinding)
    }
}
