import Crypto
import X509
import _CryptoExtras

/// The key algorithms Sidecert issues and serves: the ones Let's Encrypt accepts (`--key-type`).
package enum CertificateKeyType: String, CaseIterable, Sendable, Codable {
    case ecdsaP256 = "ecdsa-p256"
    case ecdsaP384 = "ecdsa-p384"
    case rsa2048 = "rsa-2048"
    case rsa3072 = "rsa-3072"
    case rsa4096 = "rsa-4096"

    /// The type of a certificate's public key, or nil for algorithms Sidecert does not support (P-521, Ed25519,
    /// odd RSA sizes).
    package init?(publicKey: Certificate.PublicKey) {
        if P256.Signing.PublicKey(publicKey) != nil {
            self = .ecdsaP256
        } else if P384.Signing.PublicKey(publicKey) != nil {
            self = .ecdsaP384
        } else if let rsa = _RSA.Signing.PublicKey(publicKey) {
            switch rsa.keySizeInBits {
            case 2048: self = .rsa2048
            case 3072: self = .rsa3072
            case 4096: self = .rsa4096
            default: return nil
            }
        } else {
            return nil
        }
    }
}
