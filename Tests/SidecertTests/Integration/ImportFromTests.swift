import Foundation
import SidecertTestSupport
import Testing

@Suite("Migrating from certbot, lego and Traefik (import --from)")
struct ImportFromTests {
    @Test(
        "a real certbot config directory: imported under its lineage name, then ensure with the CA down issues nothing",
        .requiresPebble, .requiresCertbot, .tags(.realPeers))
    func certbot() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let work = try TemporaryVolume(prefix: "sidecert-certbot")
        let names = ["certbot.example", "www.certbot.example"]
        let config = try await Certbot.certonly(names: names, pebble: pebble, in: work.path)
        let volume = try TemporaryVolume()

        let imported = try await SidecertProcess.run(["import", "--storage", volume.path, "--from", "certbot", config])
        #expect(imported.status == 0, "import failed: \(imported.stderr)")
        #expect(
            imported.stdout.contains("imported certbot.example, www.certbot.example into \(volume.path)/live/certbot.example"), "\(imported.stdout)")
        #expect(imported.stdout.contains("1 imported, 0 skipped"), "\(imported.stdout)")
        let certbotLeaf = try String(contentsOfFile: config + "/live/certbot.example/cert.pem", encoding: .utf8)
        let volumeLeaf = try String(contentsOfFile: volume.path("live/certbot.example/cert.pem"), encoding: .utf8)
        #expect(volumeLeaf.trimmingCharacters(in: .whitespacesAndNewlines) == certbotLeaf.trimmingCharacters(in: .whitespacesAndNewlines))

        try await expectEnsureIssuesNothing(volume: volume, pebble: pebble, certificates: [names])

        let again = try await SidecertProcess.run(["import", "--storage", volume.path, "--from", "certbot", config])
        #expect(again.status == 0, "a second import of the same directory is a no-op: \(again.stderr)")
        #expect(again.stdout.contains("already on the volume"), "\(again.stdout)")
    }

    @Test(
        "a real .lego directory, given as .lego or as its certificates/ folder, then ensure with the CA down issues nothing",
        .requiresPebble, .requiresLego, .tags(.realPeers))
    func lego() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let work = try TemporaryVolume(prefix: "sidecert-lego")
        // One name: lego 4.9 polls each authorization every 5 s, and Pebble often answers after the first poll.
        let names = ["lego.example"]
        let path = try await Lego.run(names: names, pebble: pebble, in: work.path)
        let fromLego = try TemporaryVolume()
        let fromCertificates = try TemporaryVolume()

        for (volume, source) in [(fromLego, path), (fromCertificates, path + "/certificates")] {
            let imported = try await SidecertProcess.run(["import", "--storage", volume.path, "--from", "lego", source])
            #expect(imported.status == 0, "import from \(source) failed: \(imported.stderr)")
            #expect(imported.stdout.contains("into \(volume.path)/live/lego.example"), "\(imported.stdout)")
            let chain = try String(contentsOfFile: volume.path("live/lego.example/chain.pem"), encoding: .utf8)
            #expect(chain.components(separatedBy: "BEGIN CERTIFICATE").count == 2, "lego's issuer is the chain, once: \(chain)")
        }

        try await expectEnsureIssuesNothing(volume: fromLego, pebble: pebble, certificates: [names])
        try await expectEnsureIssuesNothing(volume: fromCertificates, pebble: pebble, certificates: [names])
    }

    @Test(
        "a Traefik acme.json with two resolvers: every current certificate imported, wildcards as _wildcard., the expired one skipped",
        .requiresPebble, .requiresNginx, .tags(.realPeers))
    func traefik() async throws {
        let scenario = try await PebbleScenario.start()
        defer { scenario.stop() }
        let names = ["traefik.example", "www.traefik.example"]
        let issued = try await scenario.sidecert(scenario.ensureArguments(names))
        #expect(issued.status == 0, "issuing the certificate to put in acme.json failed: \(issued.stderr)")
        let live = scenario.volume.path("live/traefik.example")
        let wildcard = try TestCertificate.make(names: ["*.wild.example", "wild.example"])
        let expired = try TestCertificate.make(
            names: ["old.example"], notBefore: Date().addingTimeInterval(-90 * 86400), notAfter: Date().addingTimeInterval(-86400))
        let store = TraefikStoreFile(resolvers: [
            "le": [
                .init(
                    main: "traefik.example", sans: ["www.traefik.example"],
                    certificatePEM: try String(contentsOfFile: live + "/fullchain.pem", encoding: .utf8),
                    keyPEM: try String(contentsOfFile: live + "/privkey.pem", encoding: .utf8))
            ],
            "internal": [
                .init(main: "*.wild.example", sans: ["wild.example"], certificatePEM: wildcard.certificatePEM, keyPEM: wildcard.keyPEM),
                .init(main: "old.example", certificatePEM: expired.certificatePEM, keyPEM: expired.keyPEM),
            ],
        ])
        let inputs = try TemporaryVolume(prefix: "sidecert-traefik")
        try store.write(to: inputs.path("acme.json"))
        let volume = try TemporaryVolume()

        let imported = try await SidecertProcess.run(["import", "--storage", volume.path, "--from", "traefik", inputs.path("acme.json")])
        #expect(imported.status == 0, "import failed: \(imported.stderr)")
        #expect(imported.stdout.contains("into \(volume.path)/live/traefik.example"), "\(imported.stdout)")
        #expect(imported.stdout.contains("into \(volume.path)/live/_wildcard.wild.example"), "\(imported.stdout)")
        #expect(imported.stdout.contains("skipped resolver 'internal': old.example (old.example): it expired"), "\(imported.stdout)")
        #expect(imported.stdout.contains("2 imported, 1 skipped"), "\(imported.stdout)")
        #expect(!FileManager.default.fileExists(atPath: volume.path("live/old.example")))

        try await expectEnsureIssuesNothing(volume: volume, pebble: scenario.pebble, certificates: [names])
        // `ensure` refuses a wildcard with HTTP-01 before it looks at the volume; `status` judges it instead.
        let status = try await SidecertProcess.run(["status", "--storage", volume.path, "--json"])
        let wildcardStatus = try JSONDecoder().decode(StatusJSON.self, from: Data(status.stdout.utf8)).certificates.first {
            $0.certName == "_wildcard.wild.example"
        }
        #expect(wildcardStatus?.usable == true && Set(wildcardStatus?.names ?? []) == ["*.wild.example", "wild.example"], "\(status.stdout)")
    }

    @Test("an expired lineage among current ones is skipped and reported; the current ones are imported")
    func expiredLineageIsSkipped() async throws {
        let inputs = try TemporaryVolume(prefix: "sidecert-certbot")
        let config = try CertbotLayoutFixture.write(
            [
                "good.example": try TestCertificate.make(names: ["good.example"]),
                "old.example": try TestCertificate.make(
                    names: ["old.example"], notBefore: Date().addingTimeInterval(-90 * 86400), notAfter: Date().addingTimeInterval(-86400)),
            ], in: inputs.path)
        let volume = try TemporaryVolume()

        let result = try await SidecertProcess.run(["import", "--storage", volume.path, "--from", "certbot", config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("skipped live/old.example (old.example): it expired at"), "\(result.stdout)")
        #expect(result.stdout.contains("1 imported, 1 skipped"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: volume.path("live/good.example/fullchain.pem")))
        #expect(!FileManager.default.fileExists(atPath: volume.path("live/old.example")))
    }

    @Test("two certificates of the source for one name: the later-expiring one is imported, the other skipped")
    func sameNameTwice() async throws {
        let older = try TestCertificate.make(names: ["twice.example"], notAfter: Date().addingTimeInterval(10 * 86400))
        let newer = try TestCertificate.make(names: ["twice.example"], notAfter: Date().addingTimeInterval(60 * 86400))
        let inputs = try TemporaryVolume(prefix: "sidecert-traefik")
        try TraefikStoreFile(resolvers: [
            "a-staging": [.init(main: "twice.example", certificatePEM: newer.certificatePEM, keyPEM: newer.keyPEM)],
            "b-production": [.init(main: "twice.example", certificatePEM: older.certificatePEM, keyPEM: older.keyPEM)],
        ]).write(to: inputs.path("acme.json"))
        let volume = try TemporaryVolume()

        let result = try await SidecertProcess.run(["import", "--storage", volume.path, "--from", "traefik", inputs.path("acme.json")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(from resolver 'a-staging': twice.example)"), "\(result.stdout)")
        #expect(
            result.stdout.contains("skipped resolver 'b-production': twice.example (twice.example): resolver 'a-staging': twice.example has"),
            "\(result.stdout)")
        let live = try String(contentsOfFile: volume.path("live/twice.example/cert.pem"), encoding: .utf8)
        #expect(live.trimmingCharacters(in: .whitespacesAndNewlines) == newer.certificatePEM.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("the environment twins SIDECERT_IMPORT_FROM and SIDECERT_IMPORT_SOURCE; a bad kind there is exit 2")
    func environmentTwins() async throws {
        let inputs = try TemporaryVolume(prefix: "sidecert-certbot")
        let config = try CertbotLayoutFixture.write(["env.example": try TestCertificate.make(names: ["env.example"])], in: inputs.path)
        let volume = try TemporaryVolume()

        let imported = try await SidecertProcess.run(
            ["import", "--storage", volume.path], environment: ["SIDECERT_IMPORT_FROM": "certbot", "SIDECERT_IMPORT_SOURCE": config])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: volume.path("live/env.example/fullchain.pem")))

        let before = try volume.snapshot()
        let refused = try await SidecertProcess.run(
            ["import", "--storage", volume.path], environment: ["SIDECERT_IMPORT_FROM": "acme.sh", "SIDECERT_IMPORT_SOURCE": config])
        #expect(refused.status == 2 && refused.stderr.contains("SIDECERT_IMPORT_FROM='acme.sh'"), "\(refused.stderr)")
        #expect(try volume.snapshot() == before)
    }

    @Test("bad or partial input: exit 2, the message names the problem, the volume is unchanged", arguments: MigrationRefusal.allCases)
    func refusals(refusal: MigrationRefusal) async throws {
        let volume = try TemporaryVolume()
        let inputs = try TemporaryVolume(prefix: "sidecert-inputs")
        // A volume that already holds a certificate, so "unchanged" means something.
        let seeded = try TestCertificate.make(names: ["good.example"]).write(to: inputs.path, prefix: "seeded-")
        let seed = try await SidecertProcess.run(["import", "--storage", volume.path, "--cert", seeded.cert, "--key", seeded.key])
        #expect(seed.status == 0, "seeding failed: \(seed.stderr)")
        let (arguments, expected) = try refusal.arguments(in: inputs.path)
        let before = try volume.snapshot()

        let result = try await SidecertProcess.run(["import", "--storage", volume.path] + arguments)
        #expect(result.status == 2, "stdout: \(result.stdout) stderr: \(result.stderr)")
        #expect(result.stderr.contains(expected), "the message names the problem: \(result.stderr)")
        let after = try volume.snapshot()
        #expect(after == before, "nothing was written: \(after.difference(from: before))")
    }

    /// With Pebble stopped, `ensure` for each certificate's names succeeds from the volume alone, and
    /// Pebble created no order meanwhile.
    private func expectEnsureIssuesNothing(volume: TemporaryVolume, pebble: PebbleEnvironment, certificates: [[String]]) async throws {
        let orders = pebble.orderCount()
        pebble.stopCA()
        for names in certificates {
            let ensure = try await SidecertProcess.run(
                ["ensure", "--storage", volume.path] + names.flatMap { ["--domain", $0] } + pebble.sidecertFlags(), timeout: .seconds(60))
            #expect(ensure.status == 0, "ensure \(names) should use the imported certificate: \(ensure.stderr)")
        }
        #expect(pebble.orderCount() == orders, "no order was made")
        #expect(!FileManager.default.fileExists(atPath: volume.path("accounts")), "no account was made")
    }
}
