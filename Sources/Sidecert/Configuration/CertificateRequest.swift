import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the user asked for: which names, under which `live/` name, with which key, needing which usages.
/// Built from the settings (flags, environment, a certificates file), fully validated before anything
/// touches the volume or the network.
package struct CertificateRequest: Sendable {
    package let names: CertificateNameSet
    /// The directory under `live/`.
    package private(set) var certName: String
    /// Whether ``certName`` is settled: given by `--cert-name`, or the directory found to hold these names.
    /// Otherwise it is the first `--domain`'s, and a usable certificate for exactly these names under another
    /// name is used instead (``CertNameChoice``).
    package private(set) var hasChosenCertName: Bool
    /// One certificate per key type, all in one version; the first in the plain file names.
    package let keyTypes: [CertificateKeyType]
    /// Extended key usages the certificate must carry to be usable (`clientAuth` for servers that are
    /// also TLS clients, since Let's Encrypt dropped it from the default profile in 2026).
    package let requiredUsages: Set<ExtendedKeyUsageName>

    /// The request `settings` describe: `domain`, `cert-name`, `key-type`, `required-usage`. Errors name where
    /// a bad value came from.
    package init(reading settings: Settings) throws(SidecertError) {
        let domains = settings.list(.domain)
        self.names = try CertificateNameSet(parsing: domains, source: settings.origin(of: .domain))
        let certName = settings.string(.certName) ?? CertificateNameSet.defaultCertName(firstDomain: domains.first ?? "")
        do {
            try VolumeLayout.validateCertName(certName)
        } catch {
            throw .badInput(
                "\(settings.origin(of: .certName).quoting(certName)) cannot be a directory name: \(error)",
                hint: "use letters, digits, '.', '_' and '-'")
        }
        self.certName = certName
        self.hasChosenCertName = settings.string(.certName) != nil
        self.keyTypes = try Self.keyTypes(settings.list(.keyType), source: settings.origin(of: .keyType))
        self.requiredUsages = try Self.usages(settings.list(.requiredUsage), source: settings.origin(of: .requiredUsage))
    }

    /// The same request, kept under `live/<certName>`.
    package func named(_ certName: String) -> CertificateRequest {
        var renamed = self
        renamed.certName = certName
        renamed.hasChosenCertName = true
        return renamed
    }

    /// The key type of the main certificate (`fullchain.pem`).
    package var keyType: CertificateKeyType { keyTypes[0] }

    /// What `live/<certName>` holds, with a credential of every key type this request asks for; nil when
    /// nothing is there.
    package func installed(on layout: VolumeLayout) throws -> InstalledCertificate? {
        try InstalledCertificate.load(layout: layout, name: certName, otherKeyTypes: Array(keyTypes.dropFirst()))
    }

    /// Whether `installed` serves this request: its names exactly, the required usages, every key type, valid
    /// at `now`, not a placeholder.
    package func usability(of installed: InstalledCertificate, now: Date) -> InstalledCertificate.Usability {
        installed.usability(requestedNames: names.values, requiredUsages: requiredUsages, requestedKeyTypes: keyTypes, now: now)
    }

    /// The usages a TLS certificate can meaningfully be required to carry.
    static let requirableUsages: Set<ExtendedKeyUsageName> = [.serverAuth, .clientAuth]

    /// Parses `--required-usage` values; errors name `source`.
    static func usages(_ texts: [String], source: SettingOrigin) throws(SidecertError) -> Set<ExtendedKeyUsageName> {
        var usages = Set<ExtendedKeyUsageName>()
        for text in texts {
            guard let usage = ExtendedKeyUsageName(rawValue: text), requirableUsages.contains(usage) else {
                throw .badInput("\(source.quoting(text)) is not an extended key usage", hint: "use serverAuth or clientAuth")
            }
            usages.insert(usage)
        }
        return usages
    }

    /// Parses `--key-type` values (ecdsa-p256 when none); errors name `source`.
    static func keyTypes(_ texts: [String], source: SettingOrigin) throws(SidecertError) -> [CertificateKeyType] {
        guard !texts.isEmpty else { return [.ecdsaP256] }
        var types: [CertificateKeyType] = []
        for text in texts {
            guard let type = CertificateKeyType(rawValue: text.lowercased()) else {
                let known = CertificateKeyType.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badInput("\(source.quoting(text)) is not a key type Let's Encrypt accepts", hint: "use one of \(known)")
            }
            guard !types.contains(type) else { throw .badInput("\(source) names \(text) twice", hint: "give each key type once") }
            types.append(type)
        }
        return types
    }
}
