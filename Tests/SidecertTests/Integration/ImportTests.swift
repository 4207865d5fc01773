import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

@Suite("Seeding the volume by hand (import)")
struct ImportTests {
    @Test("import, then ensure with the CA down succeeds without issuing")
    func importThenEnsureOffline() async throws {
        let volume = try TemporaryVolume()
        let inputs = try TemporaryVolume()
        let files = try TestCertificate.make(names: ["seeded.example", "www.seeded.example"]).write(to: inputs.path)

        let imported = try await SidecertProcess.run(
            ["import", "--storage", volume.path, "--cert", files.cert, "--key", files.key], timeout: .seconds(60))
        #expect(imported.status == 0, "import failed: \(imported.stderr)")
        #expect(try volume.mode(of: volume.path + "/live/seeded.example/privkey.pem") == 0o600)

        let ensure = try await SidecertProcess.run(
            [
                "ensure", "--storage", volume.path, "--directory", "https://127.0.0.1:9/dir", "--domain", "seeded.example", "--domain",
                "www.seeded.example",
            ],
            timeout: .seconds(60))
        #expect(ensure.status == 0, "ensure should use the seeded certificate: \(ensure.stderr)")
        #expect(!FileManager.default.fileExists(atPath: volume.path + "/accounts"), "no account was made: nothing was issued")
    }

    @Test("a pair (--cert/--key twice) is one version: ECDSA in the plain names, RSA beside it; only a complete pair counts as already there")
    func importPair() async throws {
        let volume = try TemporaryVolume()
        let inputs = try TemporaryVolume()
        let names = ["pair.example", "www.pair.example"]
        let ecdsa = try TestCertificate.make(names: names)
        let rsa = try TestCertificate.make(names: names, keyType: .rsa2048)
        let ecdsaFiles = try ecdsa.write(to: inputs.path, prefix: "ec-")
        let rsaFiles = try rsa.write(to: inputs.path, prefix: "rsa-")
        let layout = VolumeLayout(root: volume.path)

        // The ECDSA certificate alone first: a version without RSA, which the pair must not count as already there.
        let alone = try await SidecertProcess.run(["import", "--storage", volume.path, "--cert", ecdsaFiles.cert, "--key", ecdsaFiles.key])
        #expect(alone.status == 0, "\(alone.stderr)")

        let pair = try await SidecertProcess.run([
            "import", "--storage", volume.path, "--cert", ecdsaFiles.cert, "--key", ecdsaFiles.key, "--cert", rsaFiles.cert, "--key", rsaFiles.key,
        ])
        #expect(pair.status == 0, "\(pair.stderr)")
        let serials = (try ecdsa.serialHex, try rsa.serialHex)
        #expect(pair.stdout.contains("serials \(serials.0) (ecdsa-p256), \(serials.1) (rsa-2048)"), "\(pair.stdout)")
        #expect(pair.stdout.contains("1 imported, 0 skipped"), "\(pair.stdout)")

        let live = try #require(try InstalledCertificate.load(layout: layout, name: "pair.example", otherKeyTypes: [.rsa2048]))
        #expect(live.credentials.map(\.keyType) == [.ecdsaP256, .rsa2048])
        #expect(live.credentials.map(\.serialHex) == [serials.0, serials.1])
        #expect(try live.loadMetadata()?.keyTypes == ["ecdsa-p256", "rsa-2048"])
        let directory = volume.path + "/live/pair.example"
        #expect(try String(contentsOfFile: directory + "/cert.rsa-2048.pem", encoding: .utf8).contains(rsa.certificatePEM.prefix(200)))
        for secret in ["privkey.rsa-2048.pem", "bundle.rsa-2048.pem"] {
            #expect(try volume.mode(of: directory + "/" + secret) == 0o600, "\(secret)")
        }

        // ensure asking for both is satisfied from the volume, the CA never contacted.
        let ensure = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--directory", "https://127.0.0.1:9/dir", "--key-type", "ecdsa-p256,rsa-2048"]
                + names.flatMap { ["--domain", $0] })
        #expect(ensure.status == 0, "ensure uses the imported pair: \(ensure.stderr)")
        #expect(!FileManager.default.fileExists(atPath: volume.path + "/accounts"), "no account was made: nothing was issued")

        // The same pair again is already there; nothing is written.
        let before = try volume.snapshot()
        let again = try await SidecertProcess.run(
            ["import", "--storage", volume.path, "--cert", ecdsaFiles.cert, "--key", ecdsaFiles.key, "--cert", rsaFiles.cert, "--key", rsaFiles.key])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("already on the volume (serial \(serials.0), \(serials.1))"), "\(again.stdout)")
        #expect(try volume.snapshot() == before)
    }

    @Test("the environment twins take a pair comma-separated, in order")
    func importPairFromTheEnvironment() async throws {
        let volume = try TemporaryVolume()
        let inputs = try TemporaryVolume()
        let rsa = try TestCertificate.make(names: ["env-pair.example"], keyType: .rsa2048)
        let ecdsa = try TestCertificate.make(names: ["env-pair.example"])
        let rsaFiles = try rsa.write(to: inputs.path, prefix: "rsa-")
        let ecdsaFiles = try ecdsa.write(to: inputs.path, prefix: "ec-")

        // RSA first this time: the first pair is the main certificate, whatever its type.
        let result = try await SidecertProcess.run(
            ["import", "--storage", volume.path],
            environment: ["SIDECERT_IMPORT_CERT": "\(rsaFiles.cert),\(ecdsaFiles.cert)", "SIDECERT_IMPORT_KEY": "\(rsaFiles.key),\(ecdsaFiles.key)"])
        #expect(result.status == 0, "\(result.stderr)")
        let live = try #require(
            try InstalledCertificate.load(layout: VolumeLayout(root: volume.path), name: "env-pair.example", otherKeyTypes: [.ecdsaP256]))
        #expect(live.credentials.map(\.serialHex) == [try rsa.serialHex, try ecdsa.serialHex])
        #expect(FileManager.default.fileExists(atPath: volume.path + "/live/env-pair.example/fullchain.ecdsa-p256.pem"))
    }

    @Test(
        "refuses bad files, and pairs that are not one certificate per key type for the same names: exit 2, no change",
        arguments: ImportRefusal.allCases)
    func refusals(refusal: ImportRefusal) async throws {
        let volume = try TemporaryVolume()
        let inputs = try TemporaryVolume()
        let (arguments, expected) = try refusal.inputs(in: inputs.path)
        let before = try volume.snapshot()

        let result = try await SidecertProcess.run(["import", "--storage", volume.path] + arguments, timeout: .seconds(60))
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(expected), "the message names the problem: \(result.stderr)")
        #expect(try volume.snapshot() == before, "nothing was written")
    }
}

enum ImportRefusal: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case mismatchedKey, expired, notYetValid, garbageCertificate, garbageKey, emptyCertificate, missingFile, directoryAsCertificate,
        oversizedCertificate
    /// Pairs (one certificate per key type): two of one type, different names, the second key not its
    /// certificate's, a certificate without its key, one chain for two certificates, the second one expired.
    case twoOfOneKeyType, pairForDifferentNames, pairWithTheWrongSecondKey, certificateWithoutItsKey, oneChainForTwoCertificates,
        expiredSecondCertificate

    var testDescription: String { rawValue }

    /// The arguments after `import --storage DIR` for this case, and a phrase the error must contain.
    func inputs(in directory: String) throws -> (arguments: [String], expected: String) {
        switch self {
        case .twoOfOneKeyType:
            let first = try TestCertificate.make(names: ["refused.example"]).write(to: directory, prefix: "a-")
            let second = try TestCertificate.make(names: ["refused.example"]).write(to: directory, prefix: "b-")
            return (Self.pairs([first, second]), "are both ecdsa-p256 certificates")
        case .pairForDifferentNames:
            let ecdsa = try TestCertificate.make(names: ["refused.example"]).write(to: directory, prefix: "ec-")
            let rsa = try TestCertificate.make(names: ["other.example"], keyType: .rsa2048).write(to: directory, prefix: "rsa-")
            return (Self.pairs([ecdsa, rsa]), "cover the same names")
        case .pairWithTheWrongSecondKey:
            let ecdsa = try TestCertificate.make(names: ["refused.example"]).write(to: directory, prefix: "ec-")
            let rsa = try TestCertificate.make(names: ["refused.example"], keyType: .rsa2048).write(to: directory, prefix: "rsa-")
            let stranger = try TestCertificate.make(names: ["refused.example"], keyType: .rsa2048).write(to: directory, prefix: "stranger-")
            return (Self.pairs([ecdsa, (rsa.cert, stranger.key)]), "--key \(stranger.key) does not match the certificate in --cert \(rsa.cert)")
        case .certificateWithoutItsKey:
            let ecdsa = try TestCertificate.make(names: ["refused.example"]).write(to: directory, prefix: "ec-")
            let rsa = try TestCertificate.make(names: ["refused.example"], keyType: .rsa2048).write(to: directory, prefix: "rsa-")
            return (["--cert", ecdsa.cert, "--cert", rsa.cert, "--key", ecdsa.key], "2 --cert but 1 --key")
        case .oneChainForTwoCertificates:
            let ecdsa = try TestCertificate.make(names: ["refused.example"]).write(to: directory, prefix: "ec-")
            let rsa = try TestCertificate.make(names: ["refused.example"], keyType: .rsa2048).write(to: directory, prefix: "rsa-")
            let chain = try TestCertificate.make(names: ["intermediate.example"]).write(to: directory, prefix: "chain-")
            return (Self.pairs([ecdsa, rsa]) + ["--chain", chain.cert], "1 --chain for 2 --cert")
        case .expiredSecondCertificate:
            let ecdsa = try TestCertificate.make(names: ["refused.example"]).write(to: directory, prefix: "ec-")
            let rsa = try TestCertificate.make(
                names: ["refused.example"], keyType: .rsa2048, notBefore: Date().addingTimeInterval(-90 * 86400),
                notAfter: Date().addingTimeInterval(-86400)
            ).write(to: directory, prefix: "rsa-")
            return (Self.pairs([ecdsa, rsa]), "(rsa-2048)")
        default:
            let (cert, key, expected) = try singleInputs(in: directory)
            return (["--cert", cert, "--key", key], expected)
        }
    }

    /// `--cert A --key A --cert B --key B …`, in order.
    private static func pairs(_ files: [(cert: String, key: String)]) -> [String] {
        files.flatMap { ["--cert", $0.cert, "--key", $0.key] }
    }

    /// The certificate and key files of a one-certificate case, and a phrase the error must contain.
    private func singleInputs(in directory: String) throws -> (cert: String, key: String, expected: String) {
        let good = try TestCertificate.make(names: ["refused.example"]).write(to: directory)
        switch self {
        case .mismatchedKey:
            let other = try TestCertificate.make(names: ["other.example"]).write(to: directory, prefix: "other-")
            return (good.cert, other.key, "does not match")
        case .expired:
            let old = try TestCertificate.make(
                names: ["refused.example"], notBefore: Date().addingTimeInterval(-90 * 86400), notAfter: Date().addingTimeInterval(-86400))
            let files = try old.write(to: directory, prefix: "old-")
            return (files.cert, files.key, "expired")
        case .notYetValid:
            let future = try TestCertificate.make(
                names: ["refused.example"], notBefore: Date().addingTimeInterval(86400), notAfter: Date().addingTimeInterval(90 * 86400))
            let files = try future.write(to: directory, prefix: "future-")
            return (files.cert, files.key, "not valid before")
        case .garbageCertificate:
            let path = directory + "/garbage.pem"
            try Data((0..<2048).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: path))
            return (path, good.key, "--cert")
        case .garbageKey:
            let path = directory + "/garbage-key.pem"
            try "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n".write(toFile: path, atomically: true, encoding: .utf8)
            return (good.cert, path, "--key")
        case .emptyCertificate:
            let path = directory + "/empty.pem"
            try "".write(toFile: path, atomically: true, encoding: .utf8)
            return (path, good.key, "--cert")
        case .missingFile:
            return (directory + "/does-not-exist.pem", good.key, "cannot be read")
        case .directoryAsCertificate:
            return (directory, good.key, "--cert")
        case .oversizedCertificate:
            let path = directory + "/huge.pem"
            try String(repeating: TestCertificate.make(names: ["refused.example"]).certificatePEM, count: 3000).write(
                toFile: path, atomically: true, encoding: .utf8)
            return (path, good.key, "larger than")
        case .twoOfOneKeyType, .pairForDifferentNames, .pairWithTheWrongSecondKey, .certificateWithoutItsKey, .oneChainForTwoCertificates,
            .expiredSecondCertificate:
            throw HarnessError("\(self) is not a one-certificate case")
        }
    }
}
