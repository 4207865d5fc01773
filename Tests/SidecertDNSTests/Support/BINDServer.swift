import Foundation
import Logging
import SidecertDNS
import SidecertTestSupport

/// One running `named` (BIND 9) in the foreground, with its configuration and log in its own folder.
///
/// Not Sendable on purpose: it lives inside ``BINDFixture/with(secondary:_:)``, which stops it on every
/// path out.
final class BINDServer {
    /// Where it listens (port 53 of its own loopback address).
    let address: DNSServerAddress
    /// Its folder: named.conf, zone files, named.log.
    let directory: String
    private let process: ChildProcess

    /// Writes `configuration` to `directory`/named.conf and starts named with it.
    init(address: DNSServerAddress, directory: String, configuration: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.process = try DNSPeer.namedProcess("named", directory: directory, log: "\(directory)/named.log", configuration: configuration)
        self.address = address
        self.directory = directory
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
            if let termination = process.termination {
                throw HarnessError("named at \(address) exited with status \(termination.status):\n\(logTail)")
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
        process.terminate(grace: .seconds(10))
    }

    deinit {
        stop()
    }
}
