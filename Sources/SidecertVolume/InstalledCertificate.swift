import SwiftASN1
import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `live/<name>` holds, parsed: the answer to "is there a usable certificate?".
///
/// Loading is the hot path of `ensure`: one `readlink`, one directory open, two small reads
/// (`fullchain.pem`, `privkey.pem`), and parsing; two more per further key type asked for. No directory
/// scans, no lease, no ledger.
package struct InstalledCertificate: Sendable {
    /// The certificate name (`live/<name>`).
    package let name: String
    /// The version directory `live/<name>` points to; nil when `live/<name>` is a plain directory.
    package let version: String?
    /// The directory the files were read from, in this container.
    package let directory: String
    /// The credential in the plain file names (`fullchain.pem`, `privkey.pem`).
    package let primary: InstalledCredential
    /// The credentials of the further key types asked for, in the order asked.
    package let others: [InstalledCredential]
    /// Further key types asked for that this version has no certificate of.
    package let missingKeyTypes: [CertificateKeyType]
    /// Whether this is a self-signed stand-in that must be replaced (from the version's name).
    package let isPlaceholder: Bool

    init(
        name: String, version: String?, directory: String, primary: InstalledCredential, others: [InstalledCredential],
        missingKeyTypes: [CertificateKeyType]
    ) {
        self.name = name
        self.version = version
        self.directory = directory
        self.primary = primary
        self.others = others
        self.missingKeyTypes = missingKeyTypes
        self.isPlaceholder = version.flatMap(PublishedVersion.issuerKind(ofVersion:)) == .placeholder
    }

    /// Every credential loaded, the primary first.
    package var credentials: [InstalledCredential] { [primary] + others }

    /// The primary's leaf certificate.
    package var leaf: Certificate { primary.leaf }
    /// The primary's intermediates.
    package var intermediates: [Certificate] { primary.intermediates }
    /// The primary's key algorithm.
    package var keyType: CertificateKeyType { primary.keyType }
    /// Whether every key file holds the private key of its leaf.
    package var keyMatchesCertificate: Bool { credentials.allSatisfy(\.keyMatchesCertificate) }
    /// The primary's DNS names.
    package var dnsNames: [String] { primary.dnsNames }
    /// The primary's IP addresses.
    package var ipAddresses: [String] { primary.ipAddresses }
    /// The primary's serial number, lowercase hex.
    package var serialHex: String { primary.serialHex }
    /// The primary's issuer distinguished name.
    package var issuer: String { primary.issuer }
    /// When every credential has become valid.
    package var notBefore: Date { credentials.map(\.notBefore).max() ?? primary.notBefore }
    /// When the first credential expires: the version's end.
    package var notAfter: Date { credentials.map(\.notAfter).min() ?? primary.notAfter }
    /// Who issued this version (from the version's name); nil for a plain directory.
    package var issuerKind: VersionMetadata.IssuerKind? { version.flatMap(PublishedVersion.issuerKind(ofVersion:)) }
    /// The primary's names.
    package var names: Set<String> { primary.names }
    /// The primary's extended key usage names, for `status`.
    package var extendedKeyUsages: [String] { primary.extendedKeyUsages }

    /// Loads `live/<name>`.
    ///
    /// - Returns: nil when `live/<name>` does not exist.
    /// - Throws: ``VolumeError`` saying which file is missing, unreadable or not what it should be
    ///   (a dangling link, truncated PEM, a directory where a file should be, an unsupported key).
    ///
    /// - Parameter otherKeyTypes: further key types whose credentials to load besides the primary (a request for
    ///   several key types); a version without one lists it in ``missingKeyTypes``.
    package static func load(layout: VolumeLayout, name: String, otherKeyTypes: [CertificateKeyType] = []) throws -> InstalledCertificate? {
        let live = try layout.live(name)
        var link = try SymbolicLink(at: live)
        while true {
            do {
                return try load(name: name, live: live, link: link, layout: layout, otherKeyTypes: otherKeyTypes)
            } catch {
                // A publisher may have swapped the link and pruned the version we were reading; read
                // the new one instead. Only an unchanged link makes the error the volume's state.
                let current = try SymbolicLink(at: live)
                guard case .target = link, current != link else { throw error }
                link = current
            }
        }
    }

    static func load(
        name: String, live: String, link: SymbolicLink, layout: VolumeLayout, otherKeyTypes: [CertificateKeyType]
    ) throws -> InstalledCertificate? {
        let directory: String
        let version: String?
        switch link {
        case .absent:
            return nil
        case .notALink:
            (directory, version) = (live, nil)
        case .target(let target):
            directory = target.hasPrefix("/") ? target : "\(layout.liveDirectory)/\(target)"
            version = VolumePath.lastComponent(of: target)
        }
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let problem =
                switch errno {
                case ENOENT: "points to \(directory), which does not exist"
                case ENOTDIR: "is not a directory"
                default: "cannot be opened (\(String(cString: strerror(errno))))"
                }
            throw VolumeError(code: .corruptFile, path: live, message: "\(problem); publish a new certificate")
        }
        defer { close(descriptor) }
        let primary = try credential(keyType: nil, in: descriptor, live: live)
        var others: [InstalledCredential] = []
        var missing: [CertificateKeyType] = []
        for keyType in otherKeyTypes where keyType != primary?.keyType {
            if let credential = try credential(keyType: keyType, in: descriptor, live: live) {
                others.append(credential)
            } else {
                missing.append(keyType)
            }
        }
        guard let primary else {
            throw VolumeError(code: .corruptFile, path: "\(live)/\(CertificateFiles.fullchainFile)", message: "is missing; publish a new certificate")
        }
        return InstalledCertificate(name: name, version: version, directory: directory, primary: primary, others: others, missingKeyTypes: missing)
    }

    /// The credential of `keyType` (nil: the primary) in the open version directory; nil when its full chain
    /// is not there.
    private static func credential(keyType: CertificateKeyType?, in directory: Int32, live: String) throws -> InstalledCredential? {
        let chainFile = CertificateFiles.fileName(CertificateFiles.fullchainFile, keyType: keyType)
        let keyFile = CertificateFiles.fileName(CertificateFiles.privateKeyFile, keyType: keyType)
        guard let chain = try readPEM(chainFile, in: directory, live: live, required: keyType == nil) else { return nil }
        guard let key = try readPEM(keyFile, in: directory, live: live, required: true) else { return nil }
        return try InstalledCredential(fullchainPEM: chain, keyPEM: key, chainPath: "\(live)/\(chainFile)", keyPath: "\(live)/\(keyFile)")
    }

    /// `meta.json` of this version, for `status`; nil when absent (an operator's plain directory).
    package func loadMetadata() throws -> VersionMetadata? {
        let path = "\(directory)/\(CertificateFiles.metadataFile)"
        guard let bytes = try AtomicFile.readIfPresent(path) else { return nil }
        do {
            return try VolumeJSON.decode(VersionMetadata.self, from: bytes)
        } catch {
            throw VolumeError(code: .corruptFile, path: path, message: "is not valid metadata (\(error)); it is informational only")
        }
    }

    /// The file's text; a missing one is an error when `required`, else nil.
    private static func readPEM(_ file: String, in directory: Int32, live: String, required: Bool) throws -> String? {
        let path = "\(live)/\(file)"
        guard let bytes = try AtomicFile.readIfPresent(file, relativeTo: directory, displayPath: path) else {
            guard required else { return nil }
            throw VolumeError(code: .corruptFile, path: path, message: "is missing; publish a new certificate")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
