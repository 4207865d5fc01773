import ArgumentParser
import Sidecert

/// Which certificate: its names, its directory under `live/`, its key type, the usages it must carry.
struct CertificateOptions: ParsableArguments {
    @Option(
        name: .customLong("domain"),
        help: ArgumentHelp(
            "A name on the certificate: DNS name, *. wildcard or IP address; repeatable. (env SIDECERT_DOMAINS, comma-separated)", valueName: "name"))
    var domains: [String] = []

    @Option(
        name: .customLong("cert-name"),
        help: ArgumentHelp("The directory under live/. (env SIDECERT_CERT_NAME; default: the first domain, *. as _wildcard.)", valueName: "name"))
    var certName: String?

    @Option(
        name: .customLong("key-type"),
        help: ArgumentHelp("ecdsa-p256, ecdsa-p384, rsa-2048, rsa-3072 or rsa-4096. (env SIDECERT_KEY_TYPE; default ecdsa-p256)", valueName: "type"))
    var keyType: String?

    @Option(
        name: .customLong("required-usage"),
        help: ArgumentHelp(
            "An extended key usage the certificate must have to count as usable (serverAuth, clientAuth); repeatable. (env SIDECERT_REQUIRED_USAGES)",
            valueName: "usage"))
    var requiredUsages: [String] = []

    func request() throws(SidecertError) -> CertificateRequest {
        try CertificateRequest(
            domains: EnvironmentTwin.list(domains, "SIDECERT_DOMAINS"),
            certName: EnvironmentTwin.string(certName, "SIDECERT_CERT_NAME"),
            keyType: EnvironmentTwin.string(keyType, "SIDECERT_KEY_TYPE"),
            requiredUsages: EnvironmentTwin.list(requiredUsages, "SIDECERT_REQUIRED_USAGES")
        )
    }
}
