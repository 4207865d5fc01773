extension Settings {
    /// The certificates these settings describe: the entries of `--certificates FILE`, or the one certificate
    /// of `--domain`. The file and `--domain`/`--cert-name` on the command line exclude each other.
    package func certificateSpecs() throws(SidecertError) -> [CertificateSpec] {
        guard let path = string(.certificates) else { return [try CertificateSpec(reading: self)] }
        for setting in [Setting.domain, .certName] {
            if case .flag = origin(of: setting) {
                throw .badInput(
                    "\(setting.flag) and \(origin(of: .certificates)) both say which certificates to keep",
                    hint: "put the names in the file's entries, or leave the file out")
            }
        }
        return try CertificatesFile.load(path: path).specs(over: self)
    }
}
