import SidecertVolume
import SwiftASN1
import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One certificate of an import (one credential per key type: an ECDSA and an RSA certificate for the same
/// names), checked by the volume's own parsing and usability rules before anything is written, so an
/// imported certificate is usable exactly when `ensure` would say so.
///
/// Whatever is wrong with the files (garbage, a key that does not match, an unsupported key, a name that
/// cannot be a directory, two certificates of one key type, a pair for different names) is bad input and
/// throws. Being outside its validity period is kept apart in ``validityProblem``: from a whole certbot or
/// Traefik store an expired certificate is a leftover to skip, while the one certificate an operator names
/// with `--cert` must be current.
struct CheckedImport: Sendable {
    /// Where in the source it came from.
    let origin: String
    /// The certificate files, as messages name them.
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
        let texts = candidate.credentials
        var credentials: [CertificateCredential] = []
        for text in texts {
            let credential = try Self.credential(text)
            if let earlier = credentials.firstIndex(where: { $0.keyType == credential.keyType }) {
                throw .badInput(
                    "\(texts[earlier].certificate.label) and \(text.certificate.label) are both \(credential.keyType.rawValue) certificates: "
                        + "a version holds one certificate per key type",
                    hint: "give one --cert and --key pair per key type (e.g. ecdsa-p256, then rsa-2048)")
            }
            credentials.append(credential)
        }
        let primaryLabel = texts[0].certificate.label
        let files: CertificateFiles
        let installed: InstalledCertificate
        do {
            files = try CertificateFiles(credentials: credentials, metadata: VersionMetadata(issuerKind: .imported, issuedAt: now))
            installed = try InstalledCertificate(
                name: candidate.certName ?? "import", version: nil, directory: "", files: files, live: primaryLabel)
        } catch {
            throw .badInput("\(primaryLabel): \(error)")
        }
        for (text, other) in zip(texts.dropFirst(), installed.others) where other.names != installed.primary.names {
            throw .badInput(
                "\(text.certificate.label) is for \(other.names.sorted().joined(separator: ", ")) but \(primaryLabel) is for "
                    + "\(installed.primary.names.sorted().joined(separator: ", ")): the certificates of one version cover the same names",
                hint: "give certificates issued for the same names, one per key type")
        }
        guard let first = installed.dnsNames.first ?? installed.ipAddresses.first else {
            throw .badInput("\(primaryLabel) has no DNS names or IP addresses in its subject alternative names")
        }
        let certName = candidate.certName ?? CertificateNameSet.defaultCertName(firstDomain: first)
        do {
            try VolumeLayout.validateCertName(certName)
        } catch {
            throw .badInput("\(candidate.certNameLabel) '\(certName)' cannot be a directory name: \((error as? VolumeError)?.message ?? "\(error)")")
        }
        self.origin = candidate.origin
        self.certificateLabel = texts.map(\.certificate.label).joined(separator: ", ")
        self.certName = certName
        self.files = files
        self.installed = installed
        let usability = installed.usability(requestedNames: installed.names, requestedKeyTypes: credentials.map(\.keyType), now: now)
        if case .unusable(let reasons) = usability {
            self.validityProblem = reasons.joined(separator: "; ")
        } else {
            self.validityProblem = nil
        }
    }

    /// One certificate (with its intermediates) and its key, parsed and matched; garbage and a key that is not the
    /// certificate's are refused, naming the file.
    private static func credential(_ text: ImportCredentialText) throws(SidecertError) -> CertificateCredential {
        let certificates = try Self.certificates(in: text.certificate)
        // lego's `.crt` already holds its `.issuer.crt`: an intermediate is written once.
        let chain =
            try text.chain.map { chain throws(SidecertError) in try Self.certificates(in: chain) }?.filter { !certificates.contains($0) } ?? []
        let key: CertificateKey
        do {
            key = try CertificateKey(pemEncoded: text.key.text)
        } catch {
            throw .badInput("\(text.key.label): \((error as? VolumeError)?.message ?? "\(error)")")
        }
        guard key.privateKey.publicKey == certificates[0].publicKey else {
            throw .badInput(
                "\(text.key.label) does not match the certificate in \(text.certificate.label)",
                hint: "give the private key the certificate was issued for")
        }
        do {
            let pem = try (certificates + chain).map { try $0.serializeAsPEM().pemString }.joined(separator: "\n")
            return try CertificateCredential(certificateChainPEM: pem, key: key)
        } catch {
            throw .badInput("\(text.certificate.label): \((error as? VolumeError)?.message ?? "\(error)")")
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
