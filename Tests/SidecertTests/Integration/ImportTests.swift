import Foundation
import Testing

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

    @Test(
        "refuses a mismatched key, an expired or not-yet-valid certificate and garbage, with exit 2 and no change",
        arguments: ImportRefusal.allCases)
    func refusals(refusal: ImportRefusal) async throws {
        let volume = try TemporaryVolume()
        let inputs = try TemporaryVolume()
        let (cert, key, expected) = try refusal.inputs(in: inputs.path)
        let before = try volume.snapshot()

        let result = try await SidecertProcess.run(["import", "--storage", volume.path, "--cert", cert, "--key", key], timeout: .seconds(60))
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(expected), "the message names the problem: \(result.stderr)")
        #expect(try volume.snapshot() == before, "nothing was written")
    }
}

enum ImportRefusal: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case mismatchedKey, expired, notYetValid, garbageCertificate, garbageKey, emptyCertificate, missingFile, directoryAsCertificate,
        oversizedCertificate

    var testDescription: String { rawValue }

    /// The certificate and key files for this case, and a phrase the error must contain.
    func inputs(in directory: String) throws -> (cert: String, key: String, expected: String) {
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
        }
    }
}
