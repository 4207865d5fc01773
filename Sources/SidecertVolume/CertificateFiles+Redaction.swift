extension CertificateFiles: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A summary without the private keys, so interpolating or dumping files into a log leaks nothing.
    package var description: String {
        "CertificateFiles(issuer: \(metadata.issuerKind.rawValue), key types: \(credentials.map(\.keyType.rawValue).joined(separator: ",")), "
            + "fullchain: \(fullchainPEM.utf8.count) bytes, keys: redacted)"
    }

    package var debugDescription: String { description }

    package var customMirror: Mirror {
        Mirror(self, children: ["credentials": credentials, "metadata": metadata])
    }
}

extension CertificateCredential: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A summary without the private key.
    package var description: String { "CertificateCredential(\(keyType.rawValue), fullchain: \(fullchainPEM.utf8.count) bytes, key: redacted)" }

    package var debugDescription: String { description }

    package var customMirror: Mirror {
        Mirror(self, children: ["keyType": keyType, "leafPEM": leafPEM, "intermediatesPEM": intermediatesPEM, "keyPEM": "redacted"])
    }
}
