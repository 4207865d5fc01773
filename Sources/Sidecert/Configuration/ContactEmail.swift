import SidecertShell

/// The ACME account contact given with `--email`, checked before anything is sent or written.
package struct ContactEmail: Sendable, Hashable {
    package let address: String

    /// The ACME `contact` URI.
    package var mailtoURI: String { "mailto:" + address }

    /// - Parameter source: what the error names: the flag, variable or file line the text came from.
    package init(parsing text: String, source: SettingOrigin = .flag("--email")) throws(SidecertError) {
        let address = text.trimmingWhitespace()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let badCharacters = address.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.value < 0x21 || "<>(),;:\"[]\\".unicodeScalars.contains($0)
        }
        guard parts.count == 2, !parts[0].isEmpty, !badCharacters,
            let domain = try? CertificateName(parsing: String(parts[1])), domain.kind == .dns,
            !domain.isWildcard, domain.value.contains(".")
        else {
            throw .badInput("\(source.quoting(text)) is not an e-mail address", hint: "give one address like admin@example.com")
        }
        self.address = "\(parts[0])@\(domain.value)"
    }
}
