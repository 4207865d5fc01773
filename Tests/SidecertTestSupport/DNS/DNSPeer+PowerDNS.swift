import Foundation

/// PowerDNS Authoritative (`pdns_server`, Debian's `pdns-server` with `pdns-backend-sqlite3`), records
/// written through its HTTP API.
extension DNSPeer {
    /// Where Debian's package keeps the SQLite schema.
    package static let powerDNSSchema = "/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql"

    package static func startPowerDNS(directory: String, addresses: [LoopbackAddress]) async throws -> DNSPeer {
        let host = addresses[0].host
        let database = "\(directory)/pdns.sqlite3"
        try await ChildProcess.check("sqlite3", [database, ".read \(powerDNSSchema)"])
        var failures: [String] = []
        for _ in 1...3 {
            let apiPort = try FreePort.allocate(1)[0]
            // No caches: what the API changed is what the next query sees (the tests look right after).
            let configuration = """
                launch=gsqlite3
                gsqlite3-database=\(database)
                local-address=\(host)
                local-port=53
                socket-dir=\(directory)
                daemon=no
                guardian=no
                api=yes
                api-key=\(apiKey)
                webserver=yes
                webserver-address=127.0.0.1
                webserver-port=\(apiPort)
                webserver-allow-from=127.0.0.0/8
                cache-ttl=0
                negquery-cache-ttl=0
                query-cache-ttl=0
                zone-cache-refresh-interval=0
                distributor-threads=1
                receiver-threads=1
                loglevel=6

                """
            try configuration.write(toFile: "\(directory)/pdns.conf", atomically: true, encoding: .utf8)
            if failures.isEmpty {
                for (zone, text) in [
                    (DNSTestZone.zone, DNSTestZone.mainZoneFile(primary: host, secondary: nil)),
                    (DNSTestZone.validationZone, DNSTestZone.validationZoneFile(secondary: nil)),
                ] {
                    let file = "\(directory)/\(zone).zone"
                    try text.write(toFile: file, atomically: true, encoding: .utf8)
                    try await ChildProcess.check("pdnsutil", ["--config-dir=\(directory)", "load-zone", zone, file])
                }
            }
            let log = "\(directory)/pdns.log"
            let server = try ChildProcess(
                try ExecutableLookup.require("pdns_server"), ["--config-dir=\(directory)"], environment: PebbleEnvironment.peerEnvironment(),
                standardOutput: .file(log), standardError: .file(log))
            if await FreePort.waitUntilAccepting(apiPort, timeout: .seconds(30), processEnded: { server.hasExited }) {
                return DNSPeer(
                    implementation: .powerDNS, addresses: addresses, secondary: false, resolver: false, directory: directory,
                    apiURL: "http://127.0.0.1:\(apiPort)",
                    servers: [server], logPaths: [log])
            }
            server.terminate()
            let tail = PebbleEnvironment.tail(of: log)
            failures.append(tail)
            guard tail.contains("in use") else { break }
        }
        throw HarnessError("PowerDNS did not start (folder \(directory)):\n" + failures.joined(separator: "\n\n"))
    }
}
