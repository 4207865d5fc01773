/// certbot's config directory (`/etc/letsencrypt`, or its `--config-dir`): one certificate per lineage,
/// `live/<name>/fullchain.pem` and `privkey.pem`, links into `archive/<name>/`.
///
/// The lineage name becomes the cert-name, so frontends configured with `…/live/<name>/fullchain.pem`
/// keep their paths when the volume takes certbot's place.
struct CertbotConfigDirectory: Sendable {
    let tree: SourceTree

    init(path: String) throws(SidecertError) {
        tree = try SourceTree(path, flag: "--from certbot")
    }

    /// Every lineage under `live/` (files there, like certbot's README, are not lineages).
    func candidates() throws(SidecertError) -> [ImportCandidate] {
        guard tree.isDirectory("live") else {
            throw .badInput(
                "--from certbot \(tree.path) is not a certbot config directory: it has no live/ folder",
                hint: "give certbot's --config-dir (/etc/letsencrypt by default)")
        }
        return try tree.names(in: "live").filter { tree.isDirectory("live/\($0)") }.map { name throws(SidecertError) in
            ImportCandidate(
                origin: "live/\(name)",
                certName: name,
                certNameLabel: "certbot's lineage \(tree.path)/live/\(name)",
                certificate: try tree.read("live/\(name)/fullchain.pem"),
                chain: nil,
                key: try tree.read("live/\(name)/privkey.pem")
            )
        }
    }
}
