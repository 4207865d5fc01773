extension InstalledCertificate {
    /// Parses every credential of a version about to be published, as `load` would read them back: what `import`
    /// judges before writing anything. `live` names the files in errors.
    package init(name: String, version: String?, directory: String, files: CertificateFiles, live: String) throws {
        let parsed = try files.credentials.enumerated().map { index, credential in
            let keyType = index == 0 ? nil : credential.keyType
            return try InstalledCredential(
                fullchainPEM: credential.fullchainPEM, keyPEM: credential.keyPEM,
                chainPath: "\(live)/\(CertificateFiles.fileName(CertificateFiles.fullchainFile, keyType: keyType))",
                keyPath: "\(live)/\(CertificateFiles.fileName(CertificateFiles.privateKeyFile, keyType: keyType))")
        }
        self.init(
            name: name, version: version, directory: directory, primary: parsed[0], others: Array(parsed.dropFirst()), missingKeyTypes: [])
    }
}
