import Foundation
import SidecertDNS
import SidecertTestSupport
import Testing
import Yams

@testable import SidecertVolume

/// deploy/kubernetes/ with DNS-01: the manifests agree with each other, and the init container, given their
/// environment and the Secret's file, issues alone — the first boot with no replica running.
@Suite("Kubernetes first boot with DNS-01")
struct KubernetesDNS01Tests {
    @Test("the init container and the sidecar read dns01/config.yaml after config.yaml, and find the TSIG secret at the file it names")
    func manifestsAgree() throws {
        let manifests = try KubernetesManifests()
        let settings = try manifests.stringData("ConfigMap", named: "sidecert-dns01")
        let secretFile = try #require(settings["SIDECERT_RFC2136_TSIG_SECRET_FILE"])
        let secretName = "sidecert-tsig"
        let secret = try manifests.stringData("Secret", named: secretName)
        #expect(secret.keys.contains((secretFile as NSString).lastPathComponent), "the Secret's key is the file's name: \(secret.keys)")

        let pod = try #require(try manifests.object("Deployment", named: "web")["spec"]?["template"]?["spec"])
        let volume = try #require(
            pod["volumes"]?.sequence?.first { $0["secret"]?["secretName"]?.string == secretName }, "a volume of the Secret")
        #expect(volume["secret"]?["optional"]?.bool == true, "HTTP-01 needs no Secret")
        let containers = (pod["initContainers"]?.sequence ?? []) + (pod["containers"]?.sequence ?? [])
        for name in ["ensure", "sidecert"] {
            let container = try #require(containers.first { $0["name"]?.string == name })
            let sources = container["envFrom"]?.sequence?.compactMap { $0["configMapRef"] } ?? []
            #expect(sources.compactMap { $0["name"]?.string } == ["sidecert", "sidecert-dns01"], "\(name): DNS-01's settings win")
            #expect(sources.last?["optional"]?.bool == true, "\(name): HTTP-01 needs no sidecert-dns01")
            let mount = container["volumeMounts"]?.sequence?.first { $0["name"]?.string == volume["name"]?.string }
            #expect(mount?["mountPath"]?.string == (secretFile as NSString).deletingLastPathComponent, "\(name) mounts the Secret")
        }
    }

    /// What stands on this machine for what the manifests' values name in a cluster. Every other value is
    /// passed unchanged, so the test runs the manifests' settings.
    private static func mapped(_ scenario: DNS01Scenario, secretFile: String) -> [String: String] {
        [
            "SIDECERT_STORAGE": scenario.volume.path,  // the PersistentVolumeClaim
            "SIDECERT_DOMAINS": DNSTestZone.wildcardDomains.joined(separator: ","),  // names the test's DNS serves
            "SIDECERT_STAGING": "false",  // Pebble stands for the CA
            "SIDECERT_DIRECTORY": scenario.pebble.directoryURL,
            "SIDECERT_CA_BUNDLE": scenario.pebble.caBundlePath,
            "SIDECERT_RFC2136_SERVER": scenario.dns.primary.host,  // the zone's primary
            "SIDECERT_RFC2136_TSIG_KEY": DNSTestZone.keyName,
            "SIDECERT_RFC2136_TSIG_SECRET_FILE": secretFile,  // the Secret's volume
            "SIDECERT_DNS_RESOLVER": scenario.dns.lookupServer,  // the cluster's DNS
        ]
    }

    @Test(
        "first boot: the init container's `sidecert ensure` issues a wildcard certificate alone, from the manifests' environment",
        .requiresPebble, .requiresBIND, .tags(.realPeers))
    func firstBoot() async throws {
        let manifests = try KubernetesManifests()
        let scenario = try await DNS01Scenario.start(.bind)
        defer { scenario.stop() }
        // A Secret's file, as `kubectl create secret generic --from-file` of tsig-keygen's output would hold it.
        let secretFile = scenario.dns.directory + "/secret"
        try "\(DNSTestZone.secret)\n".write(toFile: secretFile, atomically: true, encoding: .utf8)

        let environment = try manifests.stringData("ConfigMap", named: "sidecert")
            .merging(try manifests.stringData("ConfigMap", named: "sidecert-dns01")) { _, dns01 in dns01 }
            .merging(Self.mapped(scenario, secretFile: secretFile)) { _, here in here }
        #expect(environment["SIDECERT_CHALLENGE"] == "dns-01")
        let result = try await SidecertProcess.run(["ensure"], environment: environment, timeout: .seconds(180))
        #expect(result.status == 0, "the init container failed: \(result.stderr)")

        let certName = try #require(environment["SIDECERT_CERT_NAME"])
        let installed = try InstalledCertificate.load(layout: VolumeLayout(root: scenario.volume.path), name: certName)
        #expect(Set(installed?.names ?? []) == Set(DNSTestZone.wildcardDomains))
        #expect(try await scenario.ourTXTValues().isEmpty)
    }
}
