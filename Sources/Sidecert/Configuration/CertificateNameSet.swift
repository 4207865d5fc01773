/// The names requested for one certificate: normalized, de-duplicated, sorted, within the CA's limits.
package struct CertificateNameSet: Sendable, Hashable {
    /// Let's Encrypt's limit on names per certificate (and the common one).
    package static let maximumCount = 100

    package let names: [CertificateName]

    package var values: Set<String> { Set(names.map(\.value)) }
    package var hasWildcard: Bool { names.contains(where: \.isWildcard) }
    /// True when every name is one no public CA certifies, so only the embedded local CA can.
    package var isInternalOnly: Bool { names.allSatisfy(\.isInternalOnly) }

    /// - Parameter source: what errors name: the flag, variable or file line the names came from.
    package init(parsing domains: [String], source: SettingOrigin = .flag("--domain")) throws(SidecertError) {
        let pieces = domains.flatMap { $0.split(separator: ",").map(String.init) }
        guard !pieces.isEmpty else {
            throw .badInput(
                "no --domain given", hint: "name the certificate's names with --domain (repeatable) or SIDECERT_DOMAINS=a.example.com,b.example.com")
        }
        var seen = Set<CertificateName>()
        for piece in pieces {
            seen.insert(try CertificateName(parsing: piece, source: source))
        }
        guard seen.count <= Self.maximumCount else {
            throw .badInput(
                "\(seen.count) names given with \(source): at most \(Self.maximumCount) fit on one certificate",
                hint: "split them over several --cert-name certificates")
        }
        self.names = seen.sorted()
    }

    /// The `--cert-name` default: the first name given, `*.` written as `_wildcard.`.
    package static func defaultCertName(firstDomain: String) -> String {
        let first = (try? CertificateName(parsing: firstDomain.split(separator: ",").first.map(String.init) ?? ""))?.value ?? firstDomain
        let fileSafe = first.replacingColons()
        return fileSafe.hasPrefix("*.") ? "_wildcard." + fileSafe.dropFirst(2) : fileSafe
    }
}

extension String {
    /// IPv6 addresses as directory names: `::1` → `__1`.
    fileprivate func replacingColons() -> String {
        String(map { $0 == ":" ? "_" : $0 })
    }
}
