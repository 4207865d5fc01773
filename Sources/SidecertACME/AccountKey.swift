import Crypto
import _CryptoExtras

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The key that signs every ACME request and identifies the account at the CA.
///
/// It is stored on the volume as PKCS#8 PEM (``pemRepresentation``) so that every replica speaks as the same
/// account, and it is never used as a certificate key. P-256 (ES256) is the default because it is small and
/// fast; RSA (RS256, PKCS#1 v1.5 with SHA-256) is accepted for accounts created elsewhere.
package struct AccountKey: Sendable {
    /// The JWS algorithm the key signs with.
    package enum Algorithm: String, Sendable, Hashable, CaseIterable {
        /// ECDSA on P-256 with SHA-256.
        case es256 = "ES256"
        /// RSASSA-PKCS1-v1_5 with SHA-256.
        case rs256 = "RS256"
    }

    private enum Backing: Sendable {
        case p256(P256.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    private let backing: Backing

    /// Wraps an existing P-256 key.
    package init(_ key: P256.Signing.PrivateKey) {
        backing = .p256(key)
    }

    /// Wraps an existing RSA key (2048 bits or more, which swift-crypto enforces).
    package init(_ key: _RSA.Signing.PrivateKey) {
        backing = .rsa(key)
    }

    /// Generates a fresh key; RSA keys are 2048 bits, the size every CA accepts.
    package static func generate(_ algorithm: Algorithm = .es256) throws -> AccountKey {
        switch algorithm {
        case .es256: AccountKey(P256.Signing.PrivateKey())
        case .rs256: AccountKey(try _RSA.Signing.PrivateKey(keySize: .bits2048))
        }
    }

    /// Reads a key stored as PEM: PKCS#8 (`PRIVATE KEY`), SEC 1 (`EC PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`).
    ///
    /// Throws ``ACMEError/Code/invalidAccountKey`` for anything else, P-384 keys included.
    package init(pemRepresentation: String) throws {
        if let key = try? P256.Signing.PrivateKey(pemRepresentation: pemRepresentation) {
            backing = .p256(key)
        } else if let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pemRepresentation) {
            backing = .rsa(key)
        } else {
            throw ACMEError(
                code: .invalidAccountKey,
                message: "The stored ACME account key is neither a P-256 nor an RSA (2048 bits or more) private key "
                    + "in PEM form. Remove it to have a new account created, or restore the original file."
            )
        }
    }

    /// The key as PKCS#8 PEM, the form stored on the volume.
    package var pemRepresentation: String {
        switch backing {
        case .p256(let key): key.pemRepresentation
        case .rsa(let key): key.pkcs8PEMRepresentation
        }
    }

    /// The JWS `alg` this key signs with.
    package var algorithm: Algorithm {
        switch backing {
        case .p256: .es256
        case .rsa: .rs256
        }
    }

    /// The public key as a JWK, sent in `newAccount` and hashed into key authorizations.
    package var jwk: JSONWebKey {
        switch backing {
        case .p256(let key):
            // The X9.63 form is 0x04 || x || y, each coordinate 32 bytes.
            let point = [UInt8](key.publicKey.x963Representation)
            return .ellipticCurve(curve: "P-256", x: Array(point[1...32]), y: Array(point[33...64]))
        case .rsa(let key):
            // Reading the primitives of a key we hold cannot fail short of memory exhaustion.
            let primitives = try! key.publicKey.getKeyPrimitives()
            return .rsa(modulus: [UInt8](primitives.modulus), exponent: [UInt8](primitives.publicExponent))
        }
    }

    /// The RFC 7638 thumbprint of ``jwk``: the second half of every key authorization.
    package func thumbprint() -> String {
        jwk.thumbprint()
    }

    /// Signs a JWS signing input: raw `r || s` (64 bytes) for ES256 as RFC 7518 §3.4 requires, not DER.
    func signature(for signingInput: [UInt8]) throws -> [UInt8] {
        switch backing {
        case .p256(let key):
            [UInt8](try key.signature(for: signingInput).rawRepresentation)
        case .rsa(let key):
            [UInt8](try key.signature(for: signingInput, padding: .insecurePKCS1v1_5).rawRepresentation)
        }
    }
}
