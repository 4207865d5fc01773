import SidecertVolume
import Testing

@testable import Sidecert

/// The settings table and its layers: one source of names, environment twins and defaults; precedence; and
/// errors that name where a bad value came from.
struct SettingsTests {
    @Test func everySettingHasOneNameAndOneEnvironmentTwin() {
        let names = Setting.all.map(\.name)
        #expect(Set(names).count == names.count, "duplicate names")
        let variables = Setting.all.compactMap(\.environmentVariable)
        #expect(Set(variables).count == variables.count, "duplicate environment twins")
        #expect(variables.allSatisfy { $0.hasPrefix("SIDECERT_") })
        #expect(Setting.wait.environmentVariable == "SIDECERT_WAIT")
        #expect(Setting.certName.environmentVariable == "SIDECERT_CERT_NAME")
        #expect(Setting.domain.environmentVariable == "SIDECERT_DOMAINS")
        #expect(Setting.domain.fileKey == "domains" && Setting.keyType.fileKey == "key-type" && Setting.storage.fileKey == nil)
    }

    @Test func helpTellsTheEnvironmentTwinAndTheDefault() {
        #expect(Setting.wait.helpText == "How long to wait for another replica's issuance. (env SIDECERT_WAIT; default 5m)")
        #expect(Setting.domain.helpText.contains("env SIDECERT_DOMAINS, comma-separated"))
        #expect(Setting.json.helpText == "Print JSON for machines.")
    }

    func layers(flags: [(Setting, String)] = [], environment: [String: String] = [:]) -> Settings {
        var layer = SettingLayer()
        for (setting, value) in flags { layer.flag(setting, value) }
        return .commandLine(flags: layer, environment: environment)
    }

    @Test func aFlagWinsOverItsEnvironmentTwinAndAnEmptyVariableIsUnset() throws {
        let settings = layers(
            flags: [(.wait, "90s")], environment: ["SIDECERT_WAIT": "5m", "SIDECERT_CERT_NAME": "", "SIDECERT_EMAIL": "a@b.example"])
        #expect(try settings.duration(.wait, default: .zero) == .seconds(90))
        #expect(settings.origin(of: .wait) == .flag("--wait"))
        #expect(settings.string(.certName) == nil)
        #expect(settings.string(.email) == "a@b.example" && settings.origin(of: .email) == .environment("SIDECERT_EMAIL"))
        #expect(try settings.duration(.watchInterval, default: .seconds(5)) == .seconds(5))
    }

    @Test func listsSplitOnCommasWhereverTheyComeFrom() {
        var flags = SettingLayer()
        flags.flag(.domain, ["a.example, b.example", "c.example"])
        #expect(Settings(layers: [flags]).list(.domain) == ["a.example", "b.example", "c.example"])
        let environment = layers(environment: ["SIDECERT_DOMAINS": " a.example ,,b.example "])
        #expect(environment.list(.domain) == ["a.example", "b.example"])
    }

    @Test func aCertificatesFileEntryWinsOverItsDefaultsAndBothOverTheCommandLine() throws {
        let commandLine = layers(flags: [(.profile, "classic"), (.wait, "1m")], environment: ["SIDECERT_KEY_TYPE": "rsa-2048"])
        var defaults = SettingLayer()
        defaults[.profile] = SettingValue(texts: ["tlsserver"], origin: .file(path: "certs.yaml", line: 2, key: "profile"))
        defaults[.keyType] = SettingValue(texts: ["ecdsa-p384"], origin: .file(path: "certs.yaml", line: 3, key: "key-type"))
        var entry = SettingLayer()
        entry[.profile] = SettingValue(texts: ["shortlived"], origin: .file(path: "certs.yaml", line: 6, key: "profile"))
        let settings = commandLine.overlaid(by: [entry, defaults])
        #expect(settings.string(.profile) == "shortlived")
        #expect(settings.list(.keyType) == ["ecdsa-p384"])
        #expect(try settings.duration(.wait, default: .zero) == .seconds(60))
    }

    @Test func errorsNameTheFlagTheVariableOrTheFileLine() {
        func message(_ settings: Settings) -> String {
            do {
                _ = try settings.duration(.wait, default: .zero)
                return ""
            } catch {
                return error.message
            }
        }
        #expect(message(layers(flags: [(.wait, "soon")])) == "--wait 'soon' is not a duration")
        #expect(message(layers(environment: ["SIDECERT_WAIT": "soon"])) == "SIDECERT_WAIT='soon' is not a duration")
        var entry = SettingLayer()
        entry[.wait] = SettingValue(texts: ["soon"], origin: .file(path: "/etc/sidecert/certs.yaml", line: 12, key: "wait"))
        #expect(message(Settings(layers: [entry])) == "/etc/sidecert/certs.yaml:12: wait 'soon' is not a duration")
    }

    @Test func booleansAcceptTheUsualWordsAndRefuseTheRest() throws {
        #expect(try layers(environment: ["SIDECERT_AGREE_TOS": "YES"]).bool(.agreeTOS))
        #expect(try !layers(environment: ["SIDECERT_AGREE_TOS": "off"]).bool(.agreeTOS))
        #expect(try !layers().bool(.agreeTOS))
        #expect(throws: SidecertError.self) { try layers(environment: ["SIDECERT_AGREE_TOS": "maybe"]).bool(.agreeTOS) }
    }

    @Test func aCertificateSpecReadsEverySourceAndNamesTheBadOne() throws {
        let spec = try CertificateSpec(reading: layers(environment: ["SIDECERT_DOMAINS": "app.internal,localhost", "SIDECERT_KEY_TYPE": "rsa-2048"]))
        #expect(spec.request.names.values == ["app.internal", "localhost"])
        #expect(spec.request.certName == "app.internal")
        #expect(spec.request.keyType == .rsa2048)
        guard case .localCA = spec.issuer else {
            Issue.record("internal names go to the embedded CA")
            return
        }
        #expect(throws: SidecertError.self) { try CertificateSpec(reading: self.layers(environment: ["SIDECERT_DOMAINS": "bad..example"])) }
        do {
            _ = try CertificateSpec(reading: layers(flags: [(.domain, "ok.internal")], environment: ["SIDECERT_KEY_TYPE": "dsa"]))
            Issue.record("dsa is no key type")
        } catch {
            #expect(error.message.hasPrefix("SIDECERT_KEY_TYPE='dsa'"), "\(error.message)")
        }
    }
}
