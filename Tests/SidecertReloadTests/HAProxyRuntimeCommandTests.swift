import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertReload

/// The runtime API's text protocol, without haproxy (the answers are the ones haproxy 2.6 gives).
struct HAProxyRuntimeCommandTests {
    /// What cannot be read is said in the system's words, whatever Foundation's error type carried them.
    @Test(arguments: ["missing", "no bundle", "unreadable bundle"])
    func anUnreadableVersionIsSaidInWords(case: String) throws {
        let directory = try TemporaryDirectory.make(prefix: "haproxy-bundles")
        defer { TemporaryDirectory.remove(directory) }
        let live = directory + "/live"
        let expected: String
        switch `case` {
        case "missing":
            expected = "No such file or directory"
        case "no bundle":
            try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
            try "x".write(toFile: live + "/fullchain.pem", atomically: true, encoding: .utf8)
            expected = "No such file or directory"
        default:
            try FileManager.default.createDirectory(atPath: live + "/bundle.pem", withIntermediateDirectories: true)
            expected = "Is a directory"
        }
        let certificate = ReloadedCertificate(name: "a.example", liveDirectory: live, version: "v1")
        #expect {
            _ = try HAProxyRuntimeReloader.bundles(of: certificate)
        } throws: { error in
            let message = (error as? ReloadError)?.message ?? ""
            return message.contains("(\(expected))") && message.contains("bundle.pem") && !message.contains("CocoaError")
        }
    }

    @Test
    func setCommandCarriesThePEMWithoutEmptyLinesAndEndsWithOne() {
        let bundle =
            "-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----\n\n-----BEGIN CERTIFICATE-----\r\nBBB\r\n-----END CERTIFICATE-----\n"
        let command = HAProxyRuntimeReloader.setCommand(certificatePath: "/v/live/x/bundle.pem", bundlePEM: bundle)
        #expect(
            command
                == "set ssl cert /v/live/x/bundle.pem <<\n-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----\n"
                + "-----BEGIN CERTIFICATE-----\nBBB\n-----END CERTIFICATE-----\n\n"
        )
        #expect(HAProxyRuntimeReloader.commitCommand(certificatePath: "/v/b.pem") == "commit ssl cert /v/b.pem\n")
        #expect(HAProxyRuntimeReloader.abortCommand(certificatePath: "/v/b.pem") == "abort ssl cert /v/b.pem\n")
    }

    @Test
    func successfulAnswersPass() throws {
        try HAProxyRuntimeReloader.checkSetAnswer("Transaction created for certificate /v/b.pem!\n\n", certificatePath: "/v/b.pem")
        try HAProxyRuntimeReloader.checkSetAnswer("Transaction updated for certificate /v/b.pem!\n\n", certificatePath: "/v/b.pem")
        try HAProxyRuntimeReloader.checkCommitAnswer("Committing /v/b.pem.\nSuccess!\n\n", certificatePath: "/v/b.pem")
    }

    @Test
    func refusalsCarryHAProxysWordsAndWhatToCheck() {
        let set = #expect(throws: ReloadError.self) {
            try HAProxyRuntimeReloader.checkSetAnswer(
                "Can't replace a certificate which is not referenced by the configuration!\nCan't update /v/nope.pem!\n\n",
                certificatePath: "/v/nope.pem"
            )
        }
        #expect(set?.code == .frontendRejected)
        #expect(set?.message.contains("not referenced by the configuration! / Can't update /v/nope.pem!") == true)
        #expect(set?.message.contains("crt") == true)

        let commit = #expect(throws: ReloadError.self) {
            try HAProxyRuntimeReloader.checkCommitAnswer("No ongoing transaction! !\nCan't commit /v/b.pem!\n", certificatePath: "/v/b.pem")
        }
        #expect(commit?.code == .frontendRejected)
        #expect(commit?.message.contains("No ongoing transaction") == true)

        let silent = #expect(throws: ReloadError.self) {
            try HAProxyRuntimeReloader.checkCommitAnswer("", certificatePath: "/v/b.pem")
        }
        #expect(silent?.message.contains("(no answer)") == true)
    }

    @Test func furtherKeyTypesBundlesAreNamedAfterTheMainOne() {
        #expect(HAProxyRuntimeReloader.keyType(ofBundleFile: "bundle.rsa-2048.pem") == "rsa-2048")
        for file in ["bundle.pem", "bundle..pem", "fullchain.rsa-2048.pem", "bundle.rsa-2048.pem.tmp", "bundle.a.b.pem", "meta.json"] {
            #expect(HAProxyRuntimeReloader.keyType(ofBundleFile: file) == nil, "\(file)")
        }
        #expect(
            HAProxyRuntimeReloader.nameInHAProxy(of: "bundle.rsa-2048.pem", liveDirectory: "/certs/live/x", certificatePath: nil)
                == "/certs/live/x/bundle.rsa-2048.pem")
        // The volume mounted elsewhere in haproxy's container: the further bundles sit beside the path given.
        let mounted = "/etc/haproxy/certs/live/x/bundle.pem"
        #expect(HAProxyRuntimeReloader.nameInHAProxy(of: "bundle.pem", liveDirectory: "/certs/live/x", certificatePath: mounted) == mounted)
        #expect(
            HAProxyRuntimeReloader.nameInHAProxy(of: "bundle.rsa-2048.pem", liveDirectory: "/certs/live/x", certificatePath: mounted)
                == "/etc/haproxy/certs/live/x/bundle.rsa-2048.pem")
    }

    @Test func aCertificateHAProxyLoadedIsKnownByItsFilenameLine() {
        let path = "/v/bundle.rsa-2048.pem"
        #expect(HAProxyRuntimeReloader.isKnown(showAnswer: "Filename: \(path)\nStatus: Used\nSerial: 01\n", certificatePath: path))
        #expect(
            !HAProxyRuntimeReloader.isKnown(
                showAnswer: "Can't display a certificate which is not referenced by the configuration!\n", certificatePath: path))
        #expect(!HAProxyRuntimeReloader.isKnown(showAnswer: "Filename: \(path).old\n", certificatePath: path))
        #expect(!HAProxyRuntimeReloader.isKnown(showAnswer: "", certificatePath: path))
    }

    @Test(arguments: ["", "/v/with space/b.pem", "/v/b.pem;shutdown", "/v/b\n.pem"])
    func refusesPathsTheRuntimeAPICannotName(path: String) {
        #expect(throws: ReloadError.self) { try HAProxyRuntimeReloader.validateCertificatePath(path) }
    }

    @Test(.timeLimit(.minutes(1)))
    func aMissingSocketSaysHowToEnableIt() async throws {
        let folder = try TemporaryDirectory.make(prefix: "sc-reload")
        defer { TemporaryDirectory.remove(folder) }
        let live = folder + "/live/x"
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        try "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n".write(toFile: live + "/bundle.pem", atomically: true, encoding: .utf8)
        let reloader = HAProxyRuntimeReloader(socketPath: folder + "/admin.sock")
        let error = await #expect(throws: ReloadError.self) {
            try await reloader.reload(certificate: ReloadedCertificate(name: "x", liveDirectory: live, version: "v1"))
        }
        #expect(error?.code == .socketUnavailable)
        #expect(error?.message.contains("stats socket \(folder)/admin.sock level admin") == true)
    }
}
