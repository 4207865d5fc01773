import Foundation
import SidecertVolume

/// What the user asked for: which names, under which `live/` name, with which key, needing which usages.
/// Built from flags and environment, fully validated before anything touches the volume or the network.
public struct CertificateRequest: Sendable {
    public let names: CertificateNameSet
    /// The directory under `live/`.
    public let certName: String
    public let keyType: CertificateKeyType
    /// Extended key usages the certificate must carry to be usable (`clientAuth` for servers that are
    /// also TLS clients, since Let's Encrypt dropped it from the default profile in 2026).
    public let requiredUsages: Set<ExtendedKeyUsageName>

    public init(
        domains: [String],
        certName: String?,
        keyType: String?,
        requiredUsages: [String]
    ) throws(SidecertError) {
        self.names = try CertificateNameSet(parsing: domains)
        let certName = certName ?? CertificateNameSet.defaultCertName(firstDomain: domains.first ?? "")
        do {
            try VolumeLayout.validateCertName(certName)
        } catch {
            throw .badInput("--cert-name '\(certName)' cannot be a directory name: \(error)", hint: "use letters, digits, '.', '_' and '-'")
        }
        self.certName = certName
        self.keyType = try Self.parseKeyType(keyType)
        var usages = Set<ExtendedKeyUsageName>()
        for text in requiredUsages.flatMap({ $0.split(separator: ",") }) {
            guard let usage = ExtendedKeyUsageName(rawValue: String(text).trimmingWhitespace()), Self.requirableUsages.contains(usage) else {
                throw .badInput("--required-usage '\(text)' is not an extended key usage", hint: "use serverAuth or clientAuth")
            }
            usages.insert(usage)
        }
        self.requiredUsages = usages
    }

    /// Whether `installed` serves this request: its names exactly, the required usages, valid at `now`, not a
    /// placeholder.
    public func usability(of installed: InstalledCertificate, now: Date) -> InstalledCertificate.Usability {
        installed.usability(requestedNames: names.values, requiredUsages: requiredUsages, now: now)
    }

    /// The usages a TLS certificate can meaningfully be required to carry.
    static let requirableUsages: Set<ExtendedKeyUsageName> = [.serverAuth, .clientAuth]

    private static func parseKeyType(_ text: String?) throws(SidecertError) -> CertificateKeyType {
        guard let text else { return .ecdsaP256 }
        guard let type = CertificateKeyType(rawValue: text.trimmingWhitespace().lowercased()) else {
            let known = CertificateKeyType.allCases.map(\.rawValue).joined(separator: ", ")
            throw .badInput("--key-type '\(text)' is not a key type Let's Encrypt accepts", hint: "use one of \(known)")
        }
        return type
    }
}
