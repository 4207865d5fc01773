import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The public half of an account key as a JSON Web Key (RFC 7517), in the canonical form of RFC 7638.
///
/// ACME identifies an account by this key: it goes into the `jwk` header of `newAccount`, into the
/// external account binding, and, hashed, into every key authorization.
package struct JSONWebKey: Sendable, Hashable, Encodable {
    /// The required members only, sorted by name: exactly what RFC 7638 hashes.
    package let members: [(name: String, value: String)]

    /// An elliptic-curve key (`kty` "EC") from its affine coordinates.
    package static func ellipticCurve(curve: String, x: [UInt8], y: [UInt8]) -> JSONWebKey {
        JSONWebKey(members: [
            ("crv", curve), ("kty", "EC"), ("x", Base64URL.encode(x)), ("y", Base64URL.encode(y)),
        ])
    }

    /// An RSA key (`kty` "RSA") from its big-endian modulus and public exponent.
    ///
    /// Leading zero octets are dropped because RFC 7518 §6.3.1 requires the minimal encoding, and the
    /// thumbprint would otherwise differ from the CA's.
    package static func rsa(modulus: [UInt8], exponent: [UInt8]) -> JSONWebKey {
        JSONWebKey(members: [
            ("e", Base64URL.encode(exponent.drop { $0 == 0 })), ("kty", "RSA"),
            ("n", Base64URL.encode(modulus.drop { $0 == 0 })),
        ])
    }

    private init(members: [(name: String, value: String)]) {
        self.members = members.sorted { $0.name < $1.name }
    }

    /// The canonical JSON: required members in lexicographic order, no whitespace (RFC 7638 §3).
    package var canonicalJSON: String {
        "{" + members.map { "\"\($0.name)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
    }

    /// The RFC 7638 thumbprint: base64url of the SHA-256 of ``canonicalJSON``. ACME uses it in key authorizations.
    package func thumbprint() -> String {
        Base64URL.encode(SHA256.hash(data: Array(canonicalJSON.utf8)))
    }

    package static func == (lhs: JSONWebKey, rhs: JSONWebKey) -> Bool {
        lhs.canonicalJSON == rhs.canonicalJSON
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(canonicalJSON)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: MemberName.self)
        for member in members {
            try container.encode(member.value, forKey: MemberName(stringValue: member.name))
        }
    }

    /// A JWK member name as a coding key, since the members differ per key type.
    private struct MemberName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
