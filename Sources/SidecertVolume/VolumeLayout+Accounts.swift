import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension VolumeLayout {
    /// `accounts/<ca-id>/`: the ACME account (key 0600, URL) for one CA directory.
    package func accountDirectory(directoryURL: String) -> String {
        "\(accountsDirectory)/\(Self.caIdentifier(directoryURL: directoryURL))"
    }

    /// A filesystem-safe, stable name for an ACME directory URL: `host_port-<hash>`.
    ///
    /// The host and port make it readable in `ls`; the short SHA-256 of the whole URL keeps two
    /// directories on one host (Let's Encrypt staging and production paths, Pebble instances) apart.
    package static func caIdentifier(directoryURL: String) -> String {
        let components = URLComponents(string: directoryURL)
        let host = components?.host ?? "ca"
        let port = components?.port ?? (components?.scheme == "http" ? 80 : 443)
        let readable = "\(host)_\(port)".unicodeScalars.map { scalar -> String in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": String(scalar).lowercased()
            default: "-"
            }
        }.joined()
        let digest = SHA256.hash(data: Array(directoryURL.utf8))
        return "\(readable.prefix(100))-\(digest.prefix(4).hexString)"
    }
}
