import Foundation
import Synchronization

/// A real haproxy serving HTTPS on 127.0.0.1 with one `crt` file (Sidecert's `bundle.pem`: key,
/// certificate, chain) or several (chosen by SNI, the first by default; for one name, by the client's
/// signature algorithms: `bundle.pem` and `bundle.rsa-2048.pem`), its runtime API on a UNIX socket at admin level, and, in master-worker mode
/// (`-W`), a pid file holding the master's pid for `SIGUSR2` reloads.
///
/// ```swift
/// let haproxy = try await HAProxyFrontend.start(certificatePath: volume.path("live/x/bundle.pem"))
/// defer { haproxy.stop() }
/// ```
package final class HAProxyFrontend: Sendable {
    /// Where it serves HTTPS.
    package let httpsPort: Int
    /// The (first) `crt` path, as haproxy names the certificate in its runtime API.
    package var certificatePath: String { certificatePaths[0] }
    /// Every `crt` path, in the order of the `bind` line.
    package let certificatePaths: [String]
    /// haproxy's folder: config, socket, pid file, output.
    package let directory: String
    /// The admin-level runtime API socket.
    package let socketPath: String
    /// The pid file (`-p`): the master's pid in master-worker mode.
    package let pidFilePath: String
    /// The process started (the master in master-worker mode).
    package var pid: Int32 { process.pid }
    /// Whether the process started has ended.
    package var hasExited: Bool { process.hasExited }

    private let outputPath: String
    private let process: ChildProcess
    private let stopped = Mutex(false)

    private init(httpsPort: Int, certificatePaths: [String], directory: String, process: ChildProcess) {
        self.httpsPort = httpsPort
        self.certificatePaths = certificatePaths
        self.directory = directory
        self.socketPath = directory + "/admin.sock"
        self.pidFilePath = directory + "/haproxy.pid"
        self.outputPath = directory + "/haproxy.out"
        self.process = process
    }

    deinit {
        stop()
    }

    /// Starts haproxy and returns once it accepts connections (at most ~10 s); `masterWorker` adds `-W`.
    package static func start(certificatePath: String, masterWorker: Bool = false) async throws -> HAProxyFrontend {
        try await start(certificatePaths: [certificatePath], masterWorker: masterWorker)
    }

    /// Starts haproxy with one `crt` per path on its `bind` line; returns once it accepts connections.
    package static func start(certificatePaths: [String], masterWorker: Bool = false) async throws -> HAProxyFrontend {
        precondition(!certificatePaths.isEmpty, "haproxy needs a certificate to serve HTTPS")
        let haproxyPath = try ExecutableLookup.require("haproxy")
        // UNIX socket paths are limited to 107 bytes: keep the folder short.
        let directory = try TemporaryDirectory.make(prefix: "sc-haproxy")
        do {
            var failures: [String] = []
            // A port is free when picked, but another test's process can take it before haproxy binds it
            // (haproxy then fails, or someone else answers there): start again on a new port, as Pebble does.
            for _ in 1...3 {
                let httpsPort = try FreePort.allocate(1)[0]
                let config = """
                    global
                        stats socket \(directory)/admin.sock level admin
                    defaults
                        mode http
                        timeout connect 5s
                        timeout client 5s
                        timeout server 5s
                    frontend https
                        bind 127.0.0.1:\(httpsPort) ssl \(certificatePaths.map { "crt \($0)" }.joined(separator: " "))
                        http-request return status 200 content-type text/plain string "sidecert test frontend"

                    """
                try config.write(toFile: directory + "/haproxy.cfg", atomically: true, encoding: .utf8)
                let outputPath = directory + "/haproxy.out"
                try? FileManager.default.removeItem(atPath: outputPath)
                try? FileManager.default.removeItem(atPath: directory + "/admin.sock")
                let process = try ChildProcess(
                    haproxyPath,
                    (masterWorker ? ["-W"] : []) + ["-f", directory + "/haproxy.cfg", "-p", directory + "/haproxy.pid"],
                    environment: PebbleEnvironment.peerEnvironment(),
                    standardOutput: .file(outputPath),
                    standardError: .file(outputPath)
                )
                let accepting = await FreePort.waitUntilAccepting(httpsPort, processEnded: { process.hasExited })
                // The port may accept a moment before haproxy has created its runtime API socket (on a busy
                // machine, seconds): wait for the socket while haproxy runs, not just at the first accept.
                if accepting, await Self.waitForSocket(directory + "/admin.sock", while: { !process.hasExited }) {
                    return HAProxyFrontend(httpsPort: httpsPort, certificatePaths: certificatePaths, directory: directory, process: process)
                }
                // Ended, or someone else answers on the port: stopped (its output then complete), tried again.
                let collided = process.hasExited || accepting
                process.terminate()
                failures.append("127.0.0.1:\(httpsPort):\n\(PebbleEnvironment.tail(of: outputPath))")
                if !collided { break }
            }
            throw HarnessError("haproxy did not start (folder \(directory)):\n" + failures.joined(separator: "\n\n"))
        } catch {
            TemporaryDirectory.remove(directory)
            throw error
        }
    }

    /// Whether `path` appears within 20 s while `running` holds.
    private static func waitForSocket(_ path: String, while running: () -> Bool) async -> Bool {
        for _ in 0..<200 {
            if FileManager.default.fileExists(atPath: path) { return true }
            guard running() else { return false }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return FileManager.default.fileExists(atPath: path)
    }

    /// The leaf certificate (PEM) haproxy presents right now, fetched with `openssl s_client`.
    package func servedCertificatePEM(serverName: String = "localhost", clientArguments: [String] = []) async throws -> String {
        return try await ServedCertificate.pem(port: httpsPort, serverName: serverName, clientArguments: clientArguments)
    }

    /// The last lines of haproxy's output (its notices and alerts).
    package func outputTail(_ count: Int = 40) -> String {
        PebbleEnvironment.tail(of: outputPath, lines: count)
    }

    /// Stops haproxy (SIGTERM, then SIGKILL to its process group) and removes its folder (kept with
    /// `SIDECERT_TEST_KEEP_DIRS=1`). Safe to call more than once.
    package func stop() {
        guard stopped.setForTheFirstTime() else { return }
        // SIGTERM: a master stops its workers; past 5 s, SIGKILL reaches its whole process group.
        process.terminate()
        TemporaryDirectory.remove(directory)
    }
}
