import Foundation
import SidecertVolume

/// What the user asked for: which names, under which `live/` name, with which key, needing which usages.
/// Built from the settings (flags, environment, a certificates file), fully validated before anything
/// touches the volume or the network.
public struct CertificateRequest: Sendable {
    public let names: CertificateNameSet
    /// The directory under `live/`.
    public let certName: String
    public let keyType: CertificateKeyType
    /// Extended key usages the certificate must carry to be usable (`clientAuth` for servers that are
    /// also TLS clients, since Let's Encrypt dropped it from the default profile in 2026).
    public let requiredUsages: Set<ExtendedKeyUsageName>

    /// The request `settings` describe: `domain`, `cert-name`, `key-type`, `required-usage`. Errors name where
    /// a bad value came from.
    public init(reading settings: Settings) throws(SidecertError) {
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
        let keyTypes = try Self.keyTypes(settings.list(.keyType), source: settings.origin(of: .keyType))
        guard keyTypes.count == 1 else {
            throw .badInput(
                "\(settings.origin(of: .keyType)) names \(keyTypes.count) key types; one certificate per key type is not available in this version",
                hint: "give one key type")
        }
        self.keyType = keyTypes[0]
        self.requiredUsages = try Self.usages(settings.list(.requiredUsage), source: settings.origin(of: .requiredUsage))
    }

    /// Whether `installed` serves this request: its names exactly, the required usages, valid at `now`, not a
    /// placeholder.
    public func usability(of installed: InstalledCertificate, now: Date) -> InstalledCertificate.Usability {
        installed.usability(requestedNames: names.values, requiredUsages: requiredUsages, now: now)
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
