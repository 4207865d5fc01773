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

    func contribute(to layer: inout SettingLayer) {
        layer.flag(.dnsProvider, dnsProvider)
        layer.flag(.rfc2136Server, rfc2136Server)
        layer.flag(.rfc2136TSIGKey, rfc2136TSIGKey)
        layer.flag(.rfc2136TSIGAlgorithm, rfc2136TSIGAlgorithm)
        layer.flag(.rfc2136TSIGSecret, rfc2136TSIGSecret)
        layer.flag(.rfc2136TSIGSecretFile, rfc2136TSIGSecretFile)
        layer.flag(.pdnsAPIURL, pdnsAPIURL)
        layer.flag(.pdnsAPIKey, pdnsAPIKey)
        layer.flag(.pdnsAPIKeyFile, pdnsAPIKeyFile)
        layer.flag(.pdnsServerID, pdnsServerID)
        layer.flag(.dnsExecCommand, dnsExecCommand)
        layer.flag(.dnsResolver, dnsResolver)
        layer.flag(.dnsPropagationTimeout, dnsPropagationTimeout)
    }
}
