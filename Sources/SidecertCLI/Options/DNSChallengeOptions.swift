import ArgumentParser
import Sidecert

/// `--challenge dns-01`'s settings: the provider that writes the TXT records and its credentials, where the
/// zone is looked up, how long to wait for every authoritative server.
struct DNSChallengeOptions: SettingFlags {
    @Option(name: .setting(.dnsProvider), help: .setting(.dnsProvider))
    var dnsProvider: String?

    @Option(name: .setting(.rfc2136Server), help: .setting(.rfc2136Server))
    var rfc2136Server: String?

    @Option(name: .setting(.rfc2136TSIGKey), help: .setting(.rfc2136TSIGKey))
    var rfc2136TSIGKey: String?

    @Option(name: .setting(.rfc2136TSIGAlgorithm), help: .setting(.rfc2136TSIGAlgorithm))
    var rfc2136TSIGAlgorithm: String?

    @Option(name: .setting(.rfc2136TSIGSecret), help: .setting(.rfc2136TSIGSecret))
    var rfc2136TSIGSecret: String?

    @Option(name: .setting(.rfc2136TSIGSecretFile), help: .setting(.rfc2136TSIGSecretFile))
    var rfc2136TSIGSecretFile: String?

    @Option(name: .setting(.pdnsAPIURL), help: .setting(.pdnsAPIURL))
    var pdnsAPIURL: String?

    @Option(name: .setting(.pdnsAPIKey), help: .setting(.pdnsAPIKey))
    var pdnsAPIKey: String?

    @Option(name: .setting(.pdnsAPIKeyFile), help: .setting(.pdnsAPIKeyFile))
    var pdnsAPIKeyFile: String?

    @Option(name: .setting(.pdnsServerID), help: .setting(.pdnsServerID))
    var pdnsServerID: String?

    @Option(name: .setting(.dnsExecCommand), help: .setting(.dnsExecCommand))
    var dnsExecCommand: String?

    @Option(name: .setting(.dnsResolver), help: .setting(.dnsResolver))
    var dnsResolver: String?

    @Option(name: .setting(.dnsPropagationTimeout), help: .setting(.dnsPropagationTimeout))
    var dnsPropagationTimeout: String?

    static let fields: [SettingField<DNSChallengeOptions>] = [
        .value(.dnsProvider, \.dnsProvider),
        .value(.rfc2136Server, \.rfc2136Server),
        .value(.rfc2136TSIGKey, \.rfc2136TSIGKey),
        .value(.rfc2136TSIGAlgorithm, \.rfc2136TSIGAlgorithm),
        .value(.rfc2136TSIGSecret, \.rfc2136TSIGSecret),
        .value(.rfc2136TSIGSecretFile, \.rfc2136TSIGSecretFile),
        .value(.pdnsAPIURL, \.pdnsAPIURL),
        .value(.pdnsAPIKey, \.pdnsAPIKey),
        .value(.pdnsAPIKeyFile, \.pdnsAPIKeyFile),
        .value(.pdnsServerID, \.pdnsServerID),
        .value(.dnsExecCommand, \.dnsExecCommand),
        .value(.dnsResolver, \.dnsResolver),
        .value(.dnsPropagationTimeout, \.dnsPropagationTimeout),
    ]
}
