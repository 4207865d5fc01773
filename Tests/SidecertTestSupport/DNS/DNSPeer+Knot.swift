import Foundation

/// Knot DNS (`knotd`, Debian's `knot`): a second, independent implementation of RFC 2136 and TSIG.
extension DNSPeer {
    package static func startKnot(directory: String, addresses: [LoopbackAddress]) throws -> DNSPeer {
        let host = addresses[0].host
        try DNSTestZone.mainZoneFile(primary: host, secondary: nil)
            .write(toFile: "\(directory)/\(DNSTestZone.zone).zone", atomically: true, encoding: .utf8)
        try DNSTestZone.validationZoneFile(secondary: nil)
            .write(toFile: "\(directory)/\(DNSTestZone.validationZone).zone", atomically: true, encoding: .utf8)
        // zonefile-sync -1: the zone files stay as written; updates live in Knot's journal.
        let configuration = """
            server:
                rundir: "\(directory)"
                listen: \(host)@53
            log:
              - target: stderr
                any: info
            database:
                storage: "\(directory)"
            key:
              - id: \(DNSTestZone.keyName)
                algorithm: hmac-sha256
                secret: \(DNSTestZone.secret)
            acl:
              - id: update
                key: \(DNSTestZone.keyName)
                action: update
            template:
              - id: default
                storage: "\(directory)"
                file: "%s.zone"
                zonefile-sync: -1
                zonefile-load: whole
                journal-content: changes
            zone:
              - domain: \(DNSTestZone.zone)
                acl: update
              - domain: \(DNSTestZone.validationZone)
                acl: update

            """
        let path = "\(directory)/knot.conf"
        try configuration.write(toFile: path, atomically: true, encoding: .utf8)
        let log = "\(directory)/knot.log"
        let knotd = try ChildProcess(
            try ExecutableLookup.require("knotd"), ["-c", path], environment: PebbleEnvironment.peerEnvironment(), standardOutput: .file(log),
            standardError: .file(log))
        return DNSPeer(
            implementation: .knot, addresses: addresses, secondary: false, resolver: false, directory: directory, apiURL: nil, servers: [knotd],
            logPaths: [log])
    }
}
