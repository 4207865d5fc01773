import SwiftASN1
import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One certificate of a published version and its key, parsed: what a frontend serves for one key type.
package struct InstalledCredential: Sendable {
    /// The leaf certificate.
    package let leaf: Certificate
    /// The intermediates that follow the leaf in the full chain.
    package let intermediates: [Certificate]
    /// The leaf's key algorithm.
    package let keyType: CertificateKeyType
    /// Whether the key file holds the private key of the leaf's public key.
    package let keyMatchesCertificate: Bool
    /// DNS names from the subject alternative names, lowercased, in certificate order.
    package let dnsNames: [String]
    /// IP addresses from the subject alternative names, in canonical text form (`192.0.2.1`, `2001:db8::1`).
    package let ipAddresses: [String]
    /// The leaf's extended key usages.
    let usages: [ExtendedKeyUsage.Usage]

    /// The leaf's serial number, lowercase hex.
    package var serialHex: String { leaf.serialNumber.bytes.hexString }
    /// The leaf's issuer distinguished name.
    package var issuer: String { String(describing: leaf.issuer) }
    /// Start of validity.
    package var notBefore: Date { leaf.notValidBefore }
    /// End of validity.
    package var notAfter: Date { leaf.notValidAfter }
    /// Every name on the certificate: ``dnsNames`` and ``ipAddresses``.
    package var names: Set<String> { Set(dnsNames).union(ipAddresses) }
    /// Extended key usage names (`serverAuth`, `clientAuth`, …; dotted OIDs for unknown ones), for `status`.
    package var extendedKeyUsages: [String] { usages.map(String.init(describing:)) }

    /// Parses a full chain and its key; `chainPath` and `keyPath` name them in errors.
    package init(fullchainPEM: String, keyPEM: String, chainPath: String, keyPath: String) throws {
        let certificates: [Certificate]
        do {
            certificates = try PEMDocument.parseMultiple(pemString: fullchainPEM).map(Certificate.init(pemDocument:))
        } catch {
            throw VolumeError(code: .corruptFile, path: chainPath, message: "does not hold valid PEM certificates; publish a new certificate")
        }
        guard let leaf = certificates.first else {
            throw VolumeError(code: .corruptFile, path: chainPath, message: "holds no certificate; publish a new certificate")
        }
        let key = try CertificateKey(pemEncoded: keyPEM, source: keyPath)
        guard let keyType = CertificateKeyType(publicKey: leaf.publicKey) else {
            throw VolumeError(
                code: .unsupportedKey, path: chainPath, message: "has a \(leaf.publicKey) key, which Sidecert does not serve; replace it")
        }
        let alternativeNames: SubjectAlternativeNames?
        let usages: ExtendedKeyUsage?
        do {
            alternativeNames = try leaf.extensions.subjectAlternativeNames
            usages = try leaf.extensions.extendedKeyUsage
        } catch {
            throw VolumeError(code: .corruptFile, path: chainPath, message: "has malformed extensions (\(error)); publish a new certificate")
        }
        var dnsNames: [String] = []
        var ipAddresses: [String] = []
        for alternativeName in alternativeNames ?? SubjectAlternativeNames() {
            switch alternativeName {
            case .dnsName(let dnsName): dnsNames.append(dnsName.lowercased())
            case .ipAddress(let octets): ipAddresses.append(IPAddressText.text(of: Array(octets.bytes)) ?? Array(octets.bytes).hexString)
            default: continue
            }
        }
        self.leaf = leaf
        self.intermediates = Array(certificates.dropFirst())
        self.keyType = keyType
        self.keyMatchesCertificate = key.privateKey.publicKey == leaf.publicKey
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
        self.usages = usages.map(Array.init) ?? []
    }
}
