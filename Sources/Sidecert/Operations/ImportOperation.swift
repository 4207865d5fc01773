import Foundation
import Logging
import SidecertVolume
import SwiftASN1
import X509

/// `import`: seed the volume with an operator's key and certificate, checked first, so that nothing is
/// ever issued for it. Bad input is refused before anything is written.
public struct ImportOperation: Sendable {
    public var layout: VolumeLayout
    public var certificatePath: String
    public var keyPath: String
    /// Intermediates, when `--cert` holds only the leaf.
    public var chainPath: String?
    public var certName: String?
    public var wait: Duration
    public var logger: Logger

    public init(layout: VolumeLayout, certificatePath: String, keyPath: String, chainPath: String?, certName: String?, wait: Duration, logger: Logger)
    {
        self.layout = layout
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.chainPath = chainPath
        self.certName = certName
        self.wait = wait
        self.logger = logger
    }

    public func run() async throws(SidecertError) -> InstalledCertificate {
        let (files, certName) = try checkedFiles(now: Date())
        do {
            let outcome = try await LeaseFile.withLease(
                layout: layout,
                name: certName,
                duration: .seconds(30),
                maximumWait: wait,
                holder: LeaseHolder.thisProcess(),
                logger: logger,
                isNoLongerNeeded: { false },
                body: { lease in
                    try CertificatePublisher(layout: layout, logger: logger).publish(name: certName, files: files) {
                        try lease.checkStillHeld()
                    }
                }
            )
            guard case .ran = outcome, let installed = try InstalledCertificate.load(layout: layout, name: certName) else {
                throw SidecertError.failure("the imported certificate did not appear in \(layout.liveDirectory)/\(certName)")
            }
            logger.info("imported", metadata: ["cert": "\(certName)", "serial": "\(installed.serialHex)"])
            return installed
        } catch let error as SidecertError {
            throw error
        } catch {
            throw .failure("importing into \(layout.root) failed: \(error)")
        }
    }

    /// Everything that can be wrong with the input, found before the volume is touched. The volume's own
    /// parsing and usability rules judge it, so an import is usable exactly when `ensure` would say so.
    private func checkedFiles(now: Date) throws(SidecertError) -> (CertificateFiles, String) {
        let certificates = try readCertificates(certificatePath, flag: "--cert")
        let chain = try chainPath.map { path throws(SidecertError) in try readCertificates(path, flag: "--chain") } ?? []
        let keyText = try read(keyPath, flag: "--key")
        let key: CertificateKey
        do {
            key = try CertificateKey(pemEncoded: keyText, source: keyPath)
        } catch {
            throw .badInput("--key \(error)")
        }
        guard key.privateKey.publicKey == certificates[0].publicKey else {
            throw .badInput(
                "--key \(keyPath) does not match the certificate in --cert \(certificatePath)",
                hint: "give the private key the certificate was issued for")
        }
        let files: CertificateFiles
        let installed: InstalledCertificate
        do {
            let pem = try (certificates + chain).map { try $0.serializeAsPEM().pemString }.joined(separator: "\n")
            files = try CertificateFiles(certificateChainPEM: pem, key: key, metadata: VersionMetadata(issuerKind: .imported, issuedAt: now))
            installed = try InstalledCertificate(
                name: certName ?? "import", version: nil, directory: "", fullchainPEM: files.fullchainPEM, keyPEM: files.keyPEM, live: certificatePath
            )
        } catch {
            throw .badInput("--cert \(certificatePath): \(error)")
        }
        if case .unusable(let reasons) = installed.usability(requestedNames: installed.names, now: now) {
            throw .badInput(
                "--cert \(certificatePath) is not usable: \(reasons.joined(separator: "; "))", hint: "import a current certificate and its key")
        }
        guard let first = installed.dnsNames.first ?? installed.ipAddresses.first else {
            throw .badInput("--cert \(certificatePath) has no DNS names or IP addresses in its subject alternative names")
        }
        let certName = certName ?? CertificateNameSet.defaultCertName(firstDomain: first)
        do {
            try VolumeLayout.validateCertName(certName)
        } catch {
            throw .badInput("--cert-name '\(certName)' cannot be a directory name: \(error)")
        }
        return (files, certName)
    }

    /// A small regular file's text; a missing, special or oversized file is refused, naming the flag.
    private func read(_ path: String, flag: String) throws(SidecertError) -> String {
        let bytes: [UInt8]?
        do {
            bytes = try AtomicFile.readIfPresent(path)
        } catch {
            throw .badInput("\(flag) \(error)")
        }
        guard let bytes else {
            throw .badInput("\(flag) \(path) cannot be read: there is no such file", hint: "check the path")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The PEM certificates in a file, leaf first; garbage is refused, naming the file.
    private func readCertificates(_ path: String, flag: String) throws(SidecertError) -> [Certificate] {
        let text = try read(path, flag: flag)
        do {
            let documents = try PEMDocument.parseMultiple(pemString: text).filter { $0.discriminator == "CERTIFICATE" }
            let certificates = try documents.map { try Certificate(derEncoded: $0.derBytes) }
            guard !certificates.isEmpty else { throw SidecertError.badInput("no certificate") }
            return certificates
        } catch {
            throw .badInput("\(flag) \(path) does not hold a PEM certificate", hint: "give the PEM file (-----BEGIN CERTIFICATE-----) the CA issued")
        }
    }
}
