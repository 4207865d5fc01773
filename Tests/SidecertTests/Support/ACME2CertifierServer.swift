import Foundation
import SidecertTestSupport
import Synchronization

/// A real acme2certifier (PyPI) on 127.0.0.1, started by `scripts/start-acme2certifier`: the second ACME
/// server, the one that speaks ARI (`renewalInfo`) and advertises profiles, which Pebble 2.4 does not.
///
/// Challenges are accepted without being fetched (the script disables validation), and accounts need
/// no contact. Its database lives in `stateDirectory`, so the server can be restarted with another
/// ARI answer (`renewNow`) and still know the certificates it issued.
final class ACME2CertifierServer: Sendable {
    let stateDirectory: String
    let port: Int
    var directoryURL: String { "http://127.0.0.1:\(port)/directory" }
    var logPath: String { stateDirectory + "/server.log" }

    private let process: ChildProcess

    private init(stateDirectory: String, port: Int, process: ChildProcess) {
        self.stateDirectory = stateDirectory
        self.port = port
        self.process = process
    }

    deinit {
        stop()
    }

    /// Starts the server and returns once its directory answers.
    ///
    /// - Parameters:
    ///   - stateDirectory: its CA, config and database; a new folder when nil.
    ///   - port: the port to listen on (a restart keeps its directory URL); a free one when nil.
    ///   - renewNow: answer every ARI request with a window that has already passed.
    static func start(stateDirectory: String? = nil, port: Int? = nil, renewNow: Bool = false) async throws -> ACME2CertifierServer {
        let directory = try stateDirectory ?? TemporaryDirectory.make(prefix: "sidecert-a2c")
        let script = SidecertProcess.packageRoot + "/scripts/start-acme2certifier"
        let port = try port ?? FreePort.allocate(1)[0]
        let process = try ChildProcess(
            "bash", [script, directory, "\(port)"],
            environment: PebbleEnvironment.peerEnvironment(adding: ["A2C_RENEWAL_FORCE": renewNow ? "1" : "0", "A2C_DEBUG": "1"]),
            standardOutput: .file(directory + "/start.out"), standardError: .file(directory + "/start.out"))
        let server = ACME2CertifierServer(stateDirectory: directory, port: port, process: process)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(90))
        while clock.now < deadline, !process.hasExited {
            if let answer = try? await Curl.get(server.directoryURL, timeout: .seconds(2)), answer.status == 200 { return server }
            try await Task.sleep(for: .milliseconds(200))
        }
        server.stop()
        throw HarnessError(
            "acme2certifier did not start on port \(port):\n\(PebbleEnvironment.tail(of: directory + "/start.out"))\n"
                + PebbleEnvironment.tail(of: server.logPath))
    }

    /// Stops the server and waits for it to end; its state directory stays for a restart.
    func stop() {
        process.terminate()
    }

    func logTail(_ lines: Int = 60) -> String {
        PebbleEnvironment.tail(of: logPath, lines: lines)
    }
}
