import Foundation
import SidecertTestSupport
import Testing

@Suite("When the CA cannot be reached", .serialized)
struct UnreachableCATests {
    @Test("exit 75, the backoff is on the volume, a retry inside the window does not contact the CA, --force does")
    func backoffIsFleetWide() async throws {
        let blackHole = try await ConnectionCountingListener.start()
        defer { blackHole.stop() }
        let volume = try TemporaryVolume()
        let arguments = [
            "ensure", "--storage", volume.path, "--directory", "https://127.0.0.1:\(blackHole.port)/dir", "--agree-tos",
            "--domain", "down.example",
        ]

        let first = try await SidecertProcess.run(arguments, timeout: .seconds(60))
        #expect(first.status == 75, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("next attempt") || first.stderr.contains("try"), "the message says when to retry: \(first.stderr)")
        let contactsAfterFirst = try blackHole.connectionCount()
        #expect(contactsAfterFirst > 0)

        let status = try await SidecertProcess.run(["status", "--storage", volume.path, "--json"], timeout: .seconds(30))
        let report = try JSONDecoder().decode(StatusJSON.self, from: Data(status.stdout.utf8))
        let ledger = try #require(report.certificates.first { $0.certName == "down.example" }?.ledger)
        #expect(ledger.nextAttemptAllowed != nil, "the backoff is recorded on the volume")
        #expect(ledger.consecutiveFailures == 1)

        let retry = try await SidecertProcess.run(arguments, timeout: .seconds(60))
        #expect(retry.status == 75)
        #expect(retry.stderr.contains("next attempt is allowed at"), "the message says when: \(retry.stderr)")
        #expect(try blackHole.connectionCount() == contactsAfterFirst, "a retry inside the backoff window does not contact the CA")

        let forced = try await SidecertProcess.run(arguments + ["--force"], timeout: .seconds(60))
        #expect(forced.status == 75)
        #expect(try blackHole.connectionCount() > contactsAfterFirst, "--force contacts the CA")
    }
}

/// A TCP port that accepts and at once closes every connection, counting them: a CA that is "down".
struct ConnectionCountingListener {
    let process: ChildProcess
    let port: Int
    let countFile: String
    /// Kept so the counting file outlives `start`.
    let directory: TemporaryVolume

    static func start() async throws -> ConnectionCountingListener {
        let directory = try TemporaryVolume(prefix: "blackhole")
        let portFile = directory.path("port")
        let countFile = directory.path("count")
        let script = """
            import os, socket, sys
            def publish(path, value):
                open(path + ".tmp", "w").write(str(value)); os.rename(path + ".tmp", path)
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", 0)); s.listen(64)
            publish(sys.argv[1], s.getsockname()[1])
            n = 0
            while True:
                c, _ = s.accept(); c.close(); n += 1
                publish(sys.argv[2], n)
            """
        let process = try ChildProcess("python3", ["-c", script, portFile, countFile], environment: ProcessInfo.processInfo.environment)
        for _ in 0..<400 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) {
                return ConnectionCountingListener(process: process, port: port, countFile: countFile, directory: directory)
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        process.terminate()
        throw HarnessError("the connection-counting listener did not start")
    }

    func connectionCount() throws -> Int {
        (try? String(contentsOfFile: countFile, encoding: .utf8)).flatMap { Int($0) } ?? 0
    }

    func stop() {
        process.terminate()
    }
}
