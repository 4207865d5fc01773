import SidecertShell

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

/// Which files of a version haproxy loads: `bundle.pem` (key + full chain of the main certificate) and, in a
/// version holding several key types, `bundle.<key type>.pem` for each further one.
extension HAProxyRuntimeReloader {
    /// The main certificate's bundle: what haproxy's first `crt` names.
    static let mainBundleFile = "bundle.pem"

    /// A bundle file of a version and its content.
    struct Bundle: Sendable, Equatable {
        /// The file name: `bundle.pem`, `bundle.rsa-2048.pem`.
        var file: String
        var pem: String
    }

    /// The bundles of the version `live/<name>` points to now, the main one first, the others by name.
    ///
    /// The link is resolved once and every bundle read from that one directory: a version published while
    /// the files are read cannot give haproxy an ECDSA certificate of one version and an RSA one of another.
    /// A plain directory (no link) is read as it is.
    static func bundles(of certificate: ReloadedCertificate) throws -> [Bundle] {
        let directory = resolvedDirectory(certificate.liveDirectory)
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw unreadable(certificate.path(mainBundleFile), error)
        }
        guard files.contains(mainBundleFile) else {
            throw unreadable(certificate.path(mainBundleFile), POSIXError(.ENOENT))
        }
        let others = files.filter { keyType(ofBundleFile: $0) != nil }.sorted()
        return try ([mainBundleFile] + others).map { file in
            do {
                return Bundle(file: file, pem: try String(contentsOfFile: directory + "/" + file, encoding: .utf8))
            } catch {
                throw unreadable(certificate.path(file), error)
            }
        }
    }

    /// `rsa-2048` for `bundle.rsa-2048.pem`; nil for `bundle.pem` and anything else.
    static func keyType(ofBundleFile file: String) -> String? {
        let prefix = "bundle."
        let suffix = ".pem"
        guard file.hasPrefix(prefix), file.hasSuffix(suffix), file.count > prefix.count + suffix.count else { return nil }
        let keyType = file.dropFirst(prefix.count).dropLast(suffix.count)
        guard !keyType.contains(".") else { return nil }
        return String(keyType)
    }

    /// The path haproxy's `crt` names `file` by: `<live directory>/<file>`, or, with a fixed path for the main
    /// bundle (the volume mounted elsewhere in haproxy's container), that path with the key type before `.pem`,
    /// as the volume names the files.
    static func nameInHAProxy(of file: String, liveDirectory: String, certificatePath: String?) -> String {
        guard let certificatePath else {
            return liveDirectory.hasSuffix("/") ? liveDirectory + file : liveDirectory + "/" + file
        }
        guard let keyType = keyType(ofBundleFile: file) else { return certificatePath }
        return certificatePath.hasSuffix(".pem") ? "\(certificatePath.dropLast(4)).\(keyType).pem" : "\(certificatePath).\(keyType)"
    }

    /// The version directory a live link points to (its real path), or the path itself when it cannot be
    /// resolved (reading it then reports the problem).
    private static func resolvedDirectory(_ liveDirectory: String) -> String {
        guard let resolved = realpath(liveDirectory, nil) else { return liveDirectory }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func unreadable(_ path: String, _ error: any Error) -> ReloadError {
        ReloadError(
            code: .certificateUnreadable,
            message: "cannot read \(path) for haproxy (\(error.systemReason)): sidecert needs read access to the volume's private keys"
        )
    }
}
