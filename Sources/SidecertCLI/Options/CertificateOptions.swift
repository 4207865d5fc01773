import ArgumentParser
import Sidecert

/// Which certificate: its names, its directory under `live/`, its key type, the usages it must carry.
struct CertificateOptions: SettingFlags {
    @Option(name: .setting(.certificates), help: .setting(.certificates))
    var certificates: String?

    @Option(name: .setting(.domain), help: .setting(.domain))
    var domains: [String] = []

    @Option(name: .setting(.certName), help: .setting(.certName))
    var certName: String?

    @Option(name: .setting(.keyType), help: .setting(.keyType))
    var keyTypes: [String] = []

    @Option(name: .setting(.requiredUsage), help: .setting(.requiredUsage))
    var requiredUsages: [String] = []

    static let fields: [SettingField<CertificateOptions>] = [
        .value(.certificates, \.certificates),
        .list(.domain, \.domains),
        .value(.certName, \.certName),
        .list(.keyType, \.keyTypes),
        .list(.requiredUsage, \.requiredUsages),
    ]
}
