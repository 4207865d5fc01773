import Foundation
import SidecertVolume
import SwiftASN1
import X509

/// A TLS client (`openssl s_client`) that accepts one kind of server signature, in one TLS version: what a frontend
/// serving an RSA and an ECDSA certificate for the same names picks between.
package struct SignatureAlgorithmClient: Sendable, CustomStringConvertible {
    /// The key type a correct frontend serves this client.
    package let keyType: CertificateKeyType
    /// `-tls1_2` or `-tls1_3`.
    package let tlsVersion: String
    /// `-sigalgs`: the signature algorithms it offers.
    package let signatureAlgorithms: String

    /// Its `openssl s_client` options.
    package var arguments: [String] { [tlsVersion, "-sigalgs", signatureAlgorithms] }

    package var description: String { "\(keyType.rawValue) client (\(tlsVersion) \(signatureAlgorithms))" }

    /// An ECDSA-only and an RSA-only client (RSA-PSS for TLS 1.3, which has no PKCS#1 handshake signatures), in
    /// TLS 1.2 and 1.3.
    package static let all: [SignatureAlgorithmClient] = ["-tls1_2", "-tls1_3"].flatMap { version in
        [
            SignatureAlgorithmClient(keyType: .ecdsaP256, tlsVersion: version, signatureAlgorithms: "ECDSA+SHA256"),
            SignatureAlgorithmClient(keyType: .rsa2048, tlsVersion: version, signatureAlgorithms: "RSA-PSS+SHA256:RSA+SHA256"),
        ]
    }

    /// The leaf a frontend served this client: its key type and serial (lowercase hex).
    package struct Leaf: Sendable, Hashable, CustomStringConvertible {
        package var keyType: CertificateKeyType?
        package var serialHex: String

        package init(keyType: CertificateKeyType?, serialHex: String) {
            self.keyType = keyType
            self.serialHex = serialHex
        }

        package var description: String { "\(keyType?.rawValue ?? "unsupported key") serial \(serialHex)" }
    }

    /// Connects through `served` (which runs `openssl s_client` with the options it is given) and parses the leaf.
    package func leaf(_ served: ([String]) async throws -> String) async throws -> Leaf {
        let certificate = try Certificate(pemEncoded: try await served(arguments))
        return Leaf(keyType: CertificateKeyType(publicKey: certificate.publicKey), serialHex: certificate.serialNumber.bytes.hexString)
    }
}
