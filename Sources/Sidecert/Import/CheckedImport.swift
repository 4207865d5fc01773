import Foundation
import SidecertVolume
import SwiftASN1
import X509

/// One certificate of an import, checked by the volume's own parsing and usability rules before anything
/// is written, so an imported certificate is usable exactly when `ensure` would say so.
///
/// Whatever is wrong with the files (garbage, a key that does not match, an unsupported key, a name that
/// cannot be a directory) is bad input and throws. Being outside its validity period is kept apart in
/// ``validityProblem``: from a whole certbot or Traefik store an expired certificate is a leftover to
/// skip, while the one certificate an operator names with `--cert` must be current.
struct CheckedImport: Sendable {
    /// Where in the source it came from.
    let origin: String
    /// The certificate file, as messages name it.
    let certificateLabel: String
    /// The directory under `live/`, validated.
    let certName: String
    /// What gets published.
    let files: CertificateFiles
    /// The same files as `ensure` would load them.
    let installed: InstalledCertificate
    /// Why it cannot be served now (expired, not yet valid); nil when it can.
    let validityProblem: String?

    init(_ candidate: ImportCandidate, now: Date) throws(SidecertError) {
        let certificates = try Self.certificates(in: candidate.certificate)
        // lego's `.crt` already holds its `.issuer.crt`: an intermediate is written once.
        let chain =
            try candidate.chain.map { text throws(SidecertError) in try Self.certificates(in: text) }?.filter { !certificates.contains($0) } ?? []
        let key: CertificateKey
        do {
            key = try CertificateKey(pemEncoded: candidate.key.text)
        } catch {
            throw .badInput("\(candidate.key.label): \((error as? VolumeError)?.message ?? "\(error)")")
        }
        guard key.privateKey.publicKey == certificates[0].publicKey else {
            throw .badInput(
                "\(candidate.key.label) does not match the certificate in \(candidate.certificate.label)",
                hint: "give the private key the certificate was issued for")
        }
        let files: CertificateFiles
        let installed: InstalledCertificate
        do {
            let pem = try (certificates + chain).map { try $0.serializeAsPEM().pemString }.joined(separator: "\n")
            files = try CertificateFiles(certificateChainPEM: pem, key: key, metadata: VersionMetadata(issuerKind: .imported, issuedAt: now))
            installed = try InstalledCertificate(
                name: candidate.certName ?? "import", version: nil, directory: "", fullchainPEM: files.fullchainPEM, keyPEM: files.keyPEM,
                live: candidate.certificate.label)
        } catch {
            throw .badInput("\(candidate.certificate.label): \(error)")
        }
        guard let first = installed.dnsNames.first ?? installed.ipAddresses.first else {
            throw .badInput("\(candidate.certificate.label) has no DNS names or IP addresses in its subject alternative names")
        }
        let certName = candidate.certName ?? CertificateNameSet.defaultCertName(firstDomain: first)
        do {
            try VolumeLayout.validateCertName(certName)
        } catch {
            throw .badInput("\(candidate.certNameLabel) '\(certName)' cannot be a directory name: \((error as? VolumeError)?.message ?? "\(error)")")
        }
        self.origin = candidate.origin
        self.certificateLabel = candidate.certificate.label
        self.certName = certName
        self.files = files
        self.installed = installed
        if case .unusable(let reasons) = installed.usability(requestedNames: installed.names, now: now) {
            self.validityProblem = reasons.joined(separator: "; ")
        } else {
            self.validityProblem = nil
        }
    }

    /// The PEM certificates in a text, leaf first; garbage is refused, naming the file.
    private static func certificates(in source: SourceText) throws(SidecertError) -> [Certificate] {
        do {
            let documents = try PEMDocument.parseMultiple(pemString: source.text).filter { $0.discriminator == "CERTIFICATE" }
            let certificates = try documents.map { try Certificate(derEncoded: $0.derBytes) }
            guard !certificates.isEmpty else { throw SidecertError.badInput("no certificate") }
            return certificates
        } catch {
            throw .badInput(
                "\(source.label) does not hold a PEM certificate", hint: "give the PEM file (-----BEGIN CERTIFICATE-----) the CA issued")
        }
    }
}
