import Foundation
import Logging
import SidecertDNS
import SidecertTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// One running `named` (BIND 9) in the foreground, with its configuration and log in its own folder.
///
/// Not Sendable on purpose: it lives inside ``BINDFixture/with(secondary:_:)``, which stops it on every
/// path out.
final class BINDServer {
    /// Where it listens (port 53 of its own loopback address).
    let address: DNSServerAddress
    /// Its folder: named.conf, zone files, named.log.
    let directory: String
    private let process: Process

    /// Writes `configuration` to `directory`/named.conf and starts named with it.
    init(address: DNSServerAddress, directory: String, configuration: String) throws {
        let named = try ExecutableLookup.require("named")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configurationPath = "\(directory)/named.conf"
        try configuration.write(toFile: configurationPath, atomically: true, encoding: .utf8)
        let logPath = "\(directory)/named.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? log.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: named)
        // -g: foreground, log to stderr; -n 1: one worker thread (2-core machines run several servers).
        process.arguments = ["-g", "-n", "1", "-c", configurationPath]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.address = address
        self.directory = directory
        self.process = process
    }

    /// What named printed, for failure messages.
    var logTail: String {
        let text = (try? String(contentsOfFile: "\(directory)/named.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(30).joined(separator: "\n")
    }

    /// Waits until the server answers authoritatively for `zone` (a secondary: once it has transferred it).
    func waitUntilServing(_ zone: DNSName, client: DNSClient, deadline: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        while clock.now < end {
            guard process.isRunning else {
                throw HarnessError("named at \(address) exited with status \(process.terminationStatus):\n\(logTail)")
            }
            if let answer = try? await client.query(zone, type: .soa, at: address, recursionDesired: false),
                answer.isAuthoritativeAnswer, answer.answers.contains(where: { $0.type == .soa })
            {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("named at \(address) did not serve \(zone) within \(deadline):\n\(logTail)")
    }

    /// Stops named: SIGTERM, then SIGKILL if it has not exited within 10 s.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<1000 where process.isRunning {
            usleep(10_000)
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit {
        stop()
    }
}
