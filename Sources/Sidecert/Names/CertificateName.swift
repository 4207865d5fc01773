import SidecertShell
import SidecertVolume

/// One name a certificate is requested for, normalized the way CAs and certificates carry it: DNS names
/// lowercased and IDNA-encoded to A-labels (`bücher.example` → `xn--bcher-kva.example`), a trailing dot
/// dropped, IP addresses in their canonical text form.
package struct CertificateName: Hashable, Sendable, Comparable, CustomStringConvertible {
    package enum Kind: Hashable, Sendable {
        case dns
        case ipAddress
    }

    package let kind: Kind
    /// The normalized text: what goes into the order, the CSR and the certificate's SAN.
    package let value: String

    package var isWildcard: Bool { kind == .dns && value.hasPrefix("*.") }
    package var description: String { value }

    package static func < (lhs: CertificateName, rhs: CertificateName) -> Bool { lhs.value < rhs.value }

    /// Parses what a user typed after `--domain`; errors name `source` (the flag, variable or file line).
    package init(parsing input: String, source: SettingOrigin = .flag("--domain")) throws(SidecertError) {
        let trimmed = input.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw .badInput("\(source): the name is empty", hint: "give a DNS name, a *. wildcard or an IP address")
        }
        if let address = IPAddressText.canonical(trimmed) {
            self.kind = .ipAddress
            self.value = address
            return
        }
        self.kind = .dns
        do {
            self.value = try DomainNameSyntax.normalize(trimmed)
        } catch {
            // The syntax rules know the name, not where it was written.
            throw .badInput("\(source.quoting(trimmed)) \(error.message)", hint: error.hint)
        }
    }

    /// Names for which no public CA will issue a certificate: the embedded local CA issues for these.
    package var isInternalOnly: Bool {
        switch kind {
        case .ipAddress:
            return IPAddressText.isLoopbackOrPrivate(value)
        case .dns:
            let name = isWildcard ? String(value.dropFirst(2)) : value
            let internalSuffixes = ["localhost", "internal", "home.arpa"]
            return internalSuffixes.contains { name == $0 || name.hasSuffix("." + $0) }
        }
    }
}
