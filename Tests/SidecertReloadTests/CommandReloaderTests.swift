import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertReload

/// The reload command: what it is told, and what happens when it fails or hangs.
struct CommandReloaderTests {
    private let certificate = ReloadedCertificate(name: "www", liveDirectory: "/volume/live/www", version: "20260101-abc")

    @Test(.timeLimit(.minutes(1)))
    func theCommandGetsTheCertificateInItsEnvironment() async throws {
        let folder = try TemporaryDirectory.make(prefix: "sidecert-reload")
        defer { TemporaryDirectory.remove(folder) }
        let output = folder + "/env"
        let reloader = CommandReloader(
            command: "printf '%s|%s|%s' \"$SIDECERT_CERT_NAME\" \"$SIDECERT_LIVE_DIR\" \"$SIDECERT_VERSION\" > '\(output)'",
            timeout: .seconds(20)
        )
        try await reloader.reload(certificate: certificate)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "www|/volume/live/www|20260101-abc")
    }

    @Test(.timeLimit(.minutes(1)))
    func aFailingCommandReportsItsStatusAndOutput() async throws {
        let reloader = CommandReloader(command: "echo 'nginx: [emerg] no such file'; echo oops >&2; exit 3", timeout: .seconds(20))
        let error = await #expect(throws: ReloadError.self) { try await reloader.reload(certificate: certificate) }
        #expect(error?.code == .commandFailed)
        #expect(error?.message.contains("exited with status 3") == true)
        #expect(error?.message.contains("nginx: [emerg] no such file") == true)
        #expect(error?.message.contains("oops") == true)
    }

    // Not killed, the command would run past the test's time limit: no wall-clock bound of our own, which a
    // busy machine can overrun.
    @Test(.timeLimit(.minutes(1)))
    func aHungCommandIsKilledAtItsTimeout() async throws {
        // The shell's child holds the output pipe too: the kill must reach the whole process group.
        let reloader = CommandReloader(command: "echo starting; sleep 600; echo late", timeout: .milliseconds(300))
        let error = await #expect(throws: ReloadError.self) { try await reloader.reload(certificate: certificate) }
        #expect(error?.code == .commandTimedOut)
        let output = error?.message.components(separatedBy: "Its output:\n").last
        #expect(output == "starting\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func aChattyCommandsOutputIsBounded() async throws {
        let reloader = CommandReloader(command: "head -c 200000 /dev/zero | tr '\\0' x; echo END; exit 1", timeout: .seconds(20), outputLimit: 100)
        let error = await #expect(throws: ReloadError.self) { try await reloader.reload(certificate: certificate) }
        #expect(error?.message.contains("END") == true)
        #expect(error?.message.contains("earlier bytes dropped") == true)
        #expect((error?.message.count ?? .max) < 600)
    }

    @Test(.timeLimit(.minutes(1)))
    func aBatchRunsTheCommandOnceWithEveryName() async throws {
        let folder = try TemporaryDirectory.make(prefix: "sidecert-reload")
        defer { TemporaryDirectory.remove(folder) }
        let output = folder + "/runs"
        // One line per run; the single-certificate variables are unset for a batch of several.
        let reloader = CommandReloader(
            command: "printf '%s|%s|%s|%s\\n' \"$SIDECERT_CERT_NAMES\" \"${SIDECERT_CERT_NAME-unset}\" \"${SIDECERT_LIVE_DIR-unset}\" "
                + "\"${SIDECERT_VERSION-unset}\" >> '\(output)'",
            timeout: .seconds(20)
        )
        let batch = ["a", "b", "c"].map { ReloadedCertificate(name: $0, liveDirectory: "/volume/live/\($0)", version: "v-\($0)") }
        try await reloader.reload(batch)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "a,b,c|unset|unset|unset\n")

        // A batch of one keeps the single-certificate variables, and names it in SIDECERT_CERT_NAMES too.
        try await reloader.reload([certificate])
        #expect(
            try String(contentsOfFile: output, encoding: .utf8)
                == "a,b,c|unset|unset|unset\nwww|www|/volume/live/www|20260101-abc\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func aFailingBatchNamesEveryCertificate() async throws {
        let reloader = CommandReloader(command: "exit 1", timeout: .seconds(20))
        let batch = [certificate, ReloadedCertificate(name: "api", liveDirectory: "/volume/live/api", version: "v9")]
        let error = await #expect(throws: ReloadError.self) { try await reloader.reload(batch) }
        #expect(error?.message.contains("for www version 20260101-abc, api version v9") == true)
    }
}
