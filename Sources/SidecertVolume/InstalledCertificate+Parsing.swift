extension InstalledCertificate {
    /// Parses the two files of a version's primary credential; `live` names them in errors.
    public init(
        name: String,
        version: String?,
        directory: String,
        fullchainPEM: String,
        keyPEM: String,
        live: String
    ) throws {
        let primary = try InstalledCredential(
            fullchainPEM: fullchainPEM, keyPEM: keyPEM, chainPath: "\(live)/\(CertificateFiles.fullchainFile)",
            keyPath: "\(live)/\(CertificateFiles.privateKeyFile)")
        self.init(name: name, version: version, directory: directory, primary: primary, others: [], missingKeyTypes: [])
    }
}
