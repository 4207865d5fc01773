/// lego's `.lego` directory (or its `certificates/` folder): `<domain>.crt` (leaf and issuer, unless lego
/// ran with `--no-bundle`), `<domain>.issuer.crt` and `<domain>.key` for every certificate.
///
/// The file name becomes the cert-name; lego writes `*.example.com` as `_.example.com`, which is
/// Sidecert's `_wildcard.example.com`.
struct LegoDirectory: Sendable {
    let tree: SourceTree
    /// "certificates/" when given the `.lego` directory, "" when given `certificates/` itself.
    let folder: String

    init(path: String) throws(SidecertError) {
        tree = try SourceTree(path, flag: "--from lego")
        folder = tree.isDirectory("certificates") ? "certificates/" : ""
    }

    func candidates() throws(SidecertError) -> [ImportCandidate] {
        let names = try tree.names(in: String(folder.dropLast()))
        let certificates = names.filter { $0.hasSuffix(".crt") && !$0.hasSuffix(".issuer.crt") }
        if folder.isEmpty && certificates.isEmpty {
            throw .badInput(
                "--from lego \(tree.path) is not lego's directory: it has no certificates/ folder and no .crt files",
                hint: "give lego's --path (./.lego by default) or its certificates/ folder")
        }
        return try certificates.map { file throws(SidecertError) in
            let stem = String(file.dropLast(".crt".count))
            let issuer = "\(stem).issuer.crt"
            return ImportCandidate(
                origin: folder + file,
                certName: Self.certName(fileStem: stem),
                certNameLabel: "lego's file name \(tree.path)/\(folder)\(file)",
                certificate: try tree.read(folder + file),
                chain: try names.contains(issuer) ? tree.read(folder + issuer) : nil,
                key: try tree.read("\(folder)\(stem).key")
            )
        }
    }

    /// `_.example.com` (lego's file name for `*.example.com`) → `_wildcard.example.com`.
    static func certName(fileStem stem: String) -> String {
        stem.hasPrefix("_.") ? "_wildcard." + stem.dropFirst(2) : stem
    }
}
