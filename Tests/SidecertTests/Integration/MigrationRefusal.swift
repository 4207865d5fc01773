import Foundation
import SidecertTestSupport
import Testing

/// Bad or partial input to `import --from`, each of which must be refused with exit 2 before anything
/// is written.
enum MigrationRefusal: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case missingDirectory, emptyDirectoryAsCertbot, emptyDirectoryAsLego, certbotWithoutLineages, certbotLinkOutsideTree,
        certbotCorruptLineageBesideGoodOne, certbotBadLineageName, certbotOnlyExpired, legoMissingKey, garbageACMEJSON,
        acmeJSONInTraefikV1Format, acmeJSONWithMismatchedKey, acmeJSONWithHostileName, acmeJSONNotBase64, sourceWithFromFiles,
        fileFlagWithSource, unknownSourceKind, missingSource

    var testDescription: String { rawValue }

    /// The arguments after `import --storage VOLUME`, with their inputs written under `directory`, and
    /// a phrase the error must contain.
    func arguments(in directory: String) throws -> (arguments: [String], expected: String) {
        let good = try TestCertificate.make(names: ["good.example"])
        let other = try TestCertificate.make(names: ["other.example"])
        let empty = directory + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let acmeJSON = directory + "/acme.json"
        switch self {
        case .missingDirectory:
            return (["--from", "certbot", directory + "/does-not-exist"], "does not exist")
        case .emptyDirectoryAsCertbot:
            return (["--from", "certbot", empty], "no live/ folder")
        case .emptyDirectoryAsLego:
            return (["--from", "lego", empty], "not lego's directory")
        case .certbotWithoutLineages:
            let config = try CertbotLayoutFixture.write([:], in: directory)
            return (["--from", "certbot", config], "holds no certificates")
        case .certbotLinkOutsideTree:
            let config = try CertbotLayoutFixture.write(["good.example": good], in: directory)
            let stolen = try other.write(to: directory, prefix: "outside-")
            let link = config + "/live/good.example/privkey.pem"
            try FileManager.default.removeItem(atPath: link)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: stolen.key)
            return (["--from", "certbot", config], "outside")
        case .certbotCorruptLineageBesideGoodOne:
            let config = try CertbotLayoutFixture.write(["good.example": good, "other.example": other], in: directory)
            try "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n".write(
                toFile: config + "/archive/other.example/fullchain1.pem", atomically: true, encoding: .utf8)
            return (["--from", "certbot", config], "live/other.example/fullchain.pem does not hold a PEM certificate")
        case .certbotBadLineageName:
            let config = try CertbotLayoutFixture.write(["bad name": good], in: directory)
            return (["--from", "certbot", config], "cannot be a directory name")
        case .certbotOnlyExpired:
            let expired = try TestCertificate.make(
                names: ["old.example"], notBefore: Date().addingTimeInterval(-90 * 86400), notAfter: Date().addingTimeInterval(-86400))
            let config = try CertbotLayoutFixture.write(["old.example": expired], in: directory)
            return (["--from", "certbot", config], "no certificate that can be served now")
        case .legoMissingKey:
            let certificates = directory + "/.lego/certificates"
            try FileManager.default.createDirectory(atPath: certificates, withIntermediateDirectories: true)
            try good.certificatePEM.write(toFile: certificates + "/good.example.crt", atomically: true, encoding: .utf8)
            return (["--from", "lego", directory + "/.lego"], "good.example.key is missing")
        case .garbageACMEJSON:
            try "{\"le\": {\"Certificates\": [ {\"domain\": ".write(toFile: acmeJSON, atomically: true, encoding: .utf8)
            return (["--from", "traefik", acmeJSON], "is not a Traefik v2/v3 acme.json")
        case .acmeJSONInTraefikV1Format:
            try #"{"Account": {"Email": "ops@example.com"}, "Certificates": [{"Domain": {"Main": "good.example"}}]}"#.write(
                toFile: acmeJSON, atomically: true, encoding: .utf8)
            return (["--from", "traefik", acmeJSON], "Certificates has the wrong type")
        case .acmeJSONWithMismatchedKey:
            try TraefikStoreFile(resolvers: [
                "le": [
                    .init(main: "good.example", certificatePEM: good.certificatePEM, keyPEM: good.keyPEM),
                    .init(main: "other.example", certificatePEM: other.certificatePEM, keyPEM: good.keyPEM),
                ]
            ]).write(to: acmeJSON)
            return (["--from", "traefik", acmeJSON], "resolver 'le' certificate 2 (other.example): key does not match")
        case .acmeJSONWithHostileName:
            try TraefikStoreFile(resolvers: [
                "le": [.init(main: "../x", certificatePEM: good.certificatePEM, keyPEM: good.keyPEM)]
            ]).write(to: acmeJSON)
            return (["--from", "traefik", acmeJSON], "'../x' cannot be a directory name")
        case .acmeJSONNotBase64:
            try #"{"le": {"Certificates": [{"domain": {"main": "good.example"}, "certificate": "%%%", "key": "%%%"}]}}"#.write(
                toFile: acmeJSON, atomically: true, encoding: .utf8)
            return (["--from", "traefik", acmeJSON], "is not base64")
        case .sourceWithFromFiles:
            return (["--from", "files", empty], "--from files takes --cert and --key")
        case .fileFlagWithSource:
            let files = try good.write(to: directory)
            return (["--from", "certbot", empty, "--cert", files.cert], "--cert goes with --from files")
        case .unknownSourceKind:
            return (["--from", "acme.sh", empty], "--from")
        case .missingSource:
            return (["--from", "traefik"], "needs its SOURCE")
        }
    }
}
