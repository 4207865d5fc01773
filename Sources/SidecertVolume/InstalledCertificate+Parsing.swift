import SwiftASN1
import X509

extension InstalledCertificate {
    /// Parses the two files of a version; `live` names them in errors.
    public init(
        name: String,
        version: String?,
        directory: String,
        fullchainPEM: String,
        keyPEM: String,
        live: String
    ) throws {
        let chainPath = "\(live)/\(CertificateFiles.fullchainFile)"
        let certificates: [Certificate]
        do {
            certificates = try PEMDocument.parseMultiple(pemString: fullchainPEM).map(Certificate.init(pemDocument:))
        } catch {
            throw VolumeError(code: .corruptFile, path: chainPath, message: "does not hold valid PEM certificates; publish a new certificate")
        }
        guard let leaf = certificates.first else {
            throw VolumeError(code: .corruptFile, path: chainPath, message: "holds no certificate; publish a new certificate")
        }
        let key = try CertificateKey(pemEncoded: keyPEM, source: "\(live)/\(CertificateFiles.privateKeyFile)")
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
        self.name = name
        self.version = version
        self.directory = directory
        self.leaf = leaf
        self.intermediates = Array(certificates.dropFirst())
        self.keyType = keyType
        self.keyMatchesCertificate = key.privateKey.publicKey == leaf.publicKey
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
        self.isPlaceholder = version.flatMap(PublishedVersion.issuerKind(ofVersion:)) == .placeholder
        self.usages = usages.map(Array.init) ?? []
    }
}
