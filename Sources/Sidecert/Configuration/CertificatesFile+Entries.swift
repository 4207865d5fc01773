extension CertificatesFile {
    /// Every entry's certificate: the entry over `defaults` over the command line. Refuses two entries for
    /// one `cert-name` (the file and both lines named).
    package func specs(over commandLine: Settings) throws(SidecertError) -> [CertificateSpec] {
        try entries(over: commandLine) { settings throws(SidecertError) in try CertificateSpec(reading: settings) }
    }

    /// Every entry's request alone (names, cert-name, key types, usages): what `status` judges a certificate
    /// against, without the CA's settings.
    package func requests(over commandLine: Settings) throws(SidecertError) -> [CertificateRequest] {
        try entries(over: commandLine) { settings throws(SidecertError) in try CertificateRequest(reading: settings) }.map(\.request)
    }

    private func entries<Entry: CertificateFileEntry>(
        over commandLine: Settings, _ read: (Settings) throws(SidecertError) -> Entry
    ) throws(SidecertError) -> [Entry] {
        var specs: [Entry] = []
        var lineOfName: [String: (line: Int, names: Set<String>)] = [:]
        for entry in entries {
            let settings = commandLine.overlaid(by: [entry.layer, defaults])
            let spec: Entry
            do {
                spec = try read(settings)
            } catch {
                throw located(error, line: entry.line)
            }
            let name = spec.request.certName
            if let earlier = lineOfName[name] {
                let why =
                    earlier.names == spec.request.names.values
                    ? "a second entry for the certificate of line \(earlier.line)"
                    : "names '\(name)' as the entry of line \(earlier.line) does, for other domains"
                throw .badInput(
                    "\(path):\(entry.line): \(why)",
                    hint: "give every entry its own cert-name (by default the first domain, *. as _wildcard.)")
            }
            lineOfName[name] = (entry.line, spec.request.names.values)
            specs.append(spec)
        }
        return specs
    }

    /// An error about the entry at `line`, with the file and line in front unless it names them already.
    private func located(_ error: SidecertError, line: Int) -> SidecertError {
        guard !error.message.hasPrefix(path) else { return error }
        var located = error
        located.message = "\(path):\(line): \(error.message)"
        return located
    }
}

/// What one entry of the file reads as: a whole spec, or its request alone.
protocol CertificateFileEntry {
    var request: CertificateRequest { get }
}

extension CertificateSpec: CertificateFileEntry {}

extension CertificateRequest: CertificateFileEntry {
    var request: CertificateRequest { self }
}
