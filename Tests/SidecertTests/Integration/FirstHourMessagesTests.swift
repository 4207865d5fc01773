import Foundation
import SidecertTestSupport
import Testing

/// What a newcomer reads in the first hour (issue 12, item 6): the hint for what the CA actually met, a
/// backoff refusal in one line, a key type change, the grammar of one name.
@Suite("First-hour messages")
struct FirstHourMessagesTests {
    @Test("a refused connection gets the connection hint, and the backoff that follows is one line", .timeLimit(.minutes(2)))
    func connectionHintThenOneLineBackoff() async throws {
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        // No frontend on Pebble's HTTP-01 port: the CA's connection is refused.
        let arguments = ["ensure", "--storage", volume.path, "--domain", "nofrontend.example"] + pebble.sidecertFlags()
        let failed = try await SidecertProcess.run(arguments, timeout: .seconds(60))
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("the CA could not connect to port 80 of nofrontend.example"), "\(failed.stderr)")
        #expect(pebble.failedValidationCount() == 1)

        let refused = try await SidecertProcess.run(arguments, timeout: .seconds(30))
        #expect(refused.status == 75, "\(refused.stderr)")
        let lines = refused.stderr.split(separator: "\n").filter { $0.hasPrefix("sidecert: error:") || $0.hasPrefix("  →") }
        #expect(lines.count == 1, "one line: \(refused.stderr)")
        #expect(refused.stderr.contains("the wait grows with each failure in a row (1 m, 10 m, 100 m, then 1 d)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("a forced attempt still counts against the CA's limits, failed validations included"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("The CA said"), "the previous error is not repeated: \(refused.stderr)")
        #expect(pebble.failedValidationCount() == 1, "the backoff kept the CA out of it")
    }

    @Test("a --key-type change is said: status names the key type asked for and when it comes, ensure says so too")
    func keyTypeChange() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let first = try await SidecertProcess.run(["ensure", "--storage", volume.path, "--domain", "k.localhost"], timeout: .seconds(30))
        #expect(first.status == 0, "\(first.stderr)")
        let changed = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--domain", "k.localhost", "--key-type", "rsa-2048"], timeout: .seconds(30))
        #expect(changed.status == 0)
        #expect(changed.stderr.contains("the certificate is ecdsa-p256, not the rsa-2048 asked for"), "\(changed.stderr)")
        let status = try await SidecertProcess.run(["status", "--storage", volume.path, "--key-type", "rsa-2048"], timeout: .seconds(30))
        #expect(
            status.stdout.contains("key type:     ecdsa-p256, not the rsa-2048 asked for: it serves until it becomes rsa-2048 at its renewal ("),
            "\(status.stdout)")
    }

    @Test("one name too many: 'which was not requested'")
    func grammarOfOneName() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let ensured = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--domain", "a.localhost", "--domain", "b.localhost"], timeout: .seconds(30))
        #expect(ensured.status == 0, "\(ensured.stderr)")
        let status = try await SidecertProcess.run(
            ["status", "--storage", volume.path, "--cert-name", "a.localhost", "--domain", "a.localhost"], timeout: .seconds(30))
        #expect(status.stdout.contains("problem:      it also covers b.localhost, which was not requested"), "\(status.stdout)")
    }
}
