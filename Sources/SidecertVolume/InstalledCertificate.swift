import Foundation
import SwiftASN1
import X509

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `live/<name>` holds, parsed: the answer to "is there a usable certificate?".
///
/// Loading is the hot path of `ensure`: one `readlink`, one directory open, two small reads
/// (`fullchain.pem`, `privkey.pem`), and parsing. No directory scans, no lease, no ledger.
public struct InstalledCertificate: Sendable {
    /// The certificate name (`live/<name>`).
    public let name: String
    /// The version directory `live/<name>` points to; nil when `live/<name>` is a plain directory.
    public let version: String?
    /// The directory the files were read from, in this container.
    public let directory: String
    /// The leaf certificate.
    public let leaf: Certificate
    /// The intermediates that follow the leaf in `fullchain.pem`.
    public let intermediates: [Certificate]
    /// The leaf's key algorithm.
    public let keyType: CertificateKeyType
    /// Whether `privkey.pem` holds the private key of the leaf's public key.
    public let keyMatchesCertificate: Bool
    /// DNS names from the subject alternative names, lowercased, in certificate order.
    public let dnsNames: [String]
    /// IP addresses from the subject alternative names, in canonical text form (`192.0.2.1`, `2001:db8::1`).
    public let ipAddresses: [String]
    /// Whether this is a self-signed stand-in that must be replaced (from the version's name).
    public let isPlaceholder: Bool
    /// The leaf's extended key usages.
    let usages: [ExtendedKeyUsage.Usage]

    /// The leaf's serial number, lowercase hex.
    public var serialHex: String { leaf.serialNumber.bytes.hexString }
    /// The leaf's issuer distinguished name.
    public var issuer: String { String(describing: leaf.issuer) }
    /// Start of validity.
    public var notBefore: Date { leaf.notValidBefore }
    /// End of validity.
    public var notAfter: Date { leaf.notValidAfter }
    /// Who issued this version (from the version's name); nil for a plain directory.
    public var issuerKind: VersionMetadata.IssuerKind? { version.flatMap(PublishedVersion.issuerKind(ofVersion:)) }
    /// Every name on the certificate: ``dnsNames`` and ``ipAddresses``.
    public var names: Set<String> { Set(dnsNames).union(ipAddresses) }
    /// Extended key usage names (`serverAuth`, `clientAuth`, …; dotted OIDs for unknown ones), for `status`.
    public var extendedKeyUsages: [String] { usages.map(String.init(describing:)) }

    /// Loads `live/<name>`.
    ///
    /// - Returns: nil when `live/<name>` does not exist.
    /// - Throws: ``VolumeError`` saying which file is missing, unreadable or not what it should be
    ///   (a dangling link, truncated PEM, a directory where a file should be, an unsupported key).
    public static func load(layout: VolumeLayout, name: String) throws -> InstalledCertificate? {
        let live = try layout.live(name)
        var link = try SymbolicLink(at: live)
        while true {
            do {
                return try load(name: name, live: live, link: link, layout: layout)
            } catch {
                // A publisher may have swapped the link and pruned the version we were reading; read
                // the new one instead. Only an unchanged link makes the error the volume's state.
                let current = try SymbolicLink(at: live)
                guard case .target = link, current != link else { throw error }
                link = current
            }
        }
    }

    private static func load(name: String, live: String, link: SymbolicLink, layout: VolumeLayout) throws -> InstalledCertificate? {
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
        let chain = try readPEM(CertificateFiles.fullchainFile, in: descriptor, live: live)
        let key = try readPEM(CertificateFiles.privateKeyFile, in: descriptor, live: live)
        return try InstalledCertificate(
            name: name,
            version: version,
            directory: directory,
            fullchainPEM: chain,
            keyPEM: key,
            live: live
        )
    }

    /// `meta.json` of this version, for `status`; nil when absent (an operator's plain directory).
    public func loadMetadata() throws -> VersionMetadata? {
        let path = "\(directory)/\(CertificateFiles.metadataFile)"
        guard let bytes = try AtomicFile.readIfPresent(path) else { return nil }
        do {
            return try VolumeJSON.decode(VersionMetadata.self, from: bytes)
        } catch {
            throw VolumeError(code: .corruptFile, path: path, message: "is not valid metadata (\(error)); it is informational only")
        }
    }

    private static func readPEM(_ file: String, in directory: Int32, live: String) throws -> String {
        let path = "\(live)/\(file)"
        guard let bytes = try AtomicFile.readIfPresent(file, relativeTo: directory, displayPath: path) else {
            throw VolumeError(code: .corruptFile, path: path, message: "is missing; publish a new certificate")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
