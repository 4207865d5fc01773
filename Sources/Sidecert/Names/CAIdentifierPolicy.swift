#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a CA publishes about the names it refuses beyond their syntax, checked before an order so a name
/// it would refuse costs no order and no failed-validation budget.
///
/// Let's Encrypt's rules (Boulder's policy authority): at most 10 labels, at least one dot. Its refusal of
/// names outside the ICANN top-level domains is not repeated here: that list changes, and an order for such
/// a name fails at once, without a validation.
package struct CAIdentifierPolicy: Sendable, Equatable {
    package var caName: String
    package var maximumLabels: Int?
    package var requiresDot: Bool

    package static let letsEncrypt = CAIdentifierPolicy(caName: "Let's Encrypt", maximumLabels: 10, requiresDot: true)
    package static let unstated = CAIdentifierPolicy(caName: "the CA", maximumLabels: nil, requiresDot: false)

    /// The policy of the CA behind `directoryURL`, as for its rate limits.
    package static func stated(by directoryURL: URL) -> CAIdentifierPolicy {
        switch directoryURL.host?.lowercased() {
        case IssuerChoice.letsEncryptProduction.host, IssuerChoice.letsEncryptStaging.host: .letsEncrypt
        default: .unstated
        }
    }

    /// Throws for the first of `names` this CA refuses; `source` is where the names were given.
    package func check(_ names: CertificateNameSet, source: SettingOrigin) throws(SidecertError) {
        for name in names.names where name.kind == .dns {
            let labels = name.value.split(separator: ".", omittingEmptySubsequences: false).count
            if let maximumLabels, labels > maximumLabels {
                throw .badInput(
                    "\(source.quoting(name.value)) has \(labels) labels: \(caName) refuses names of more than \(maximumLabels)",
                    hint: "use a shorter name, or a wildcard one level up")
            }
            if requiresDot, labels < 2 {
                throw .badInput(
                    "\(source.quoting(name.value)) has no dot: \(caName) certifies only names under a public top-level domain",
                    hint: "give the full name, as in \(name.value).example.com")
            }
        }
    }
}
