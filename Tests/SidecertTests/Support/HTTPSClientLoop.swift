import Foundation
import SidecertTestSupport

/// A client that keeps making fresh HTTPS requests (a new connection and handshake each time, with
/// `curl`) to a frontend while a test renews its certificate, recording every answer: "zero failed
/// requests during the renewal" is then a count.
final class HTTPSClientLoop: Sendable {
    private let process: ChildProcess
    private let resultsPath: String
    private let directory: String

    /// Starts requesting `https://127.0.0.1:<port>/` in a loop.
    init(port: Int) throws {
        directory = try TemporaryDirectory.make(prefix: "sidecert-client")
        resultsPath = directory + "/results"
        // One line per request: the HTTP status, or FAIL and curl's exit code when the connection or the
        // handshake failed. -k: this checks availability, the served serial is checked separately.
        let script = """
            while :; do
                code=$(curl -sk --max-time 5 -o /dev/null -w '%{http_code}' https://127.0.0.1:\(port)/) || code="FAIL $?"
                echo "$code" >> '\(resultsPath)'
                sleep 0.05  # a steady client, not a load test: leave the CPU to the frontend and the daemon
            done
            """
        process = try ChildProcess(
            "bash", ["-c", script], environment: PebbleEnvironment.peerEnvironment(), standardOutput: .discard, standardError: .discard)
    }

    /// Every answer so far.
    var results: [String] {
        ((try? String(contentsOfFile: resultsPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Stops the loop and returns every answer.
    func stop() -> [String] {
        process.kill(SIGKILL, toProcessGroup: true)
        process.terminate(grace: .seconds(1))
        let all = results
        TemporaryDirectory.remove(directory)
        return all
    }
}
