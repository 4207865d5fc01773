extension CertificateFiles: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A summary without the private key, so interpolating or dumping files into a log leaks nothing.
    public var description: String {
        "CertificateFiles(issuer: \(metadata.issuerKind.rawValue), fullchain: \(fullchainPEM.utf8.count) bytes, key: redacted)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["leafPEM": leafPEM, "intermediatesPEM": intermediatesPEM, "metadata": metadata, "keyPEM": "redacted"])
    }
}
