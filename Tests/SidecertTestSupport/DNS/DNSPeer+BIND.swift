import Foundation

/// BIND 9 (`named`, Debian's `bind9`): a primary taking TSIG-signed updates and, optionally, a secondary and a
/// recursive resolver.
extension DNSPeer {
    package static func startBIND(directory: String, addresses: [LoopbackAddress], secondary withSecondary: Bool, resolver withResolver: Bool) throws
        -> DNSPeer
    {
        let (primaryHost, secondaryHost) = (addresses[0].host, addresses[1].host)
        let named = try ExecutableLookup.require("named")
        let primaryDirectory = "\(directory)/primary"
        try FileManager.default.createDirectory(atPath: primaryDirectory, withIntermediateDirectories: true)
        try DNSTestZone.mainZoneFile(primary: primaryHost, secondary: withSecondary ? secondaryHost : nil)
            .write(toFile: "\(primaryDirectory)/\(DNSTestZone.zone).zone", atomically: true, encoding: .utf8)
        try DNSTestZone.validationZoneFile(secondary: withSecondary ? secondaryHost : nil)
            .write(toFile: "\(primaryDirectory)/\(DNSTestZone.validationZone).zone", atomically: true, encoding: .utf8)
        let primaryZones = [DNSTestZone.zone, DNSTestZone.validationZone].map { zone in
            """
            zone "\(zone)" {
                type primary;
                file "\(primaryDirectory)/\(zone).zone";
                allow-update { key "\(DNSTestZone.keyName)"; };
                allow-transfer { any; };
                notify no;
            };
            """
        }
        var servers: [ChildProcess] = []
        var logPaths: [String] = []
        do {
            let primaryLog = "\(primaryDirectory)/named.log"
            servers.append(
                try namedProcess(
                    named, directory: primaryDirectory, log: primaryLog,
                    configuration: configuration(directory: primaryDirectory, listenOn: primaryHost, zones: primaryZones)))
            logPaths.append(primaryLog)
            if withSecondary {
                let secondaryDirectory = "\(directory)/secondary"
                try FileManager.default.createDirectory(atPath: secondaryDirectory, withIntermediateDirectories: true)
                let secondaryZones = [DNSTestZone.zone, DNSTestZone.validationZone].map { zone in
                    """
                    zone "\(zone)" {
                        type secondary;
                        primaries { \(primaryHost); };
                        file "\(secondaryDirectory)/\(zone).zone";
                        allow-notify { any; };
                    };
                    """
                }
                let secondaryLog = "\(secondaryDirectory)/named.log"
                servers.append(
                    try namedProcess(
                        named, directory: secondaryDirectory, log: secondaryLog,
                        configuration: configuration(directory: secondaryDirectory, listenOn: secondaryHost, zones: secondaryZones)))
                logPaths.append(secondaryLog)
            }
            if withResolver {
                let resolverHost = addresses[2].host
                let resolverDirectory = "\(directory)/resolver"
                try FileManager.default.createDirectory(atPath: resolverDirectory, withIntermediateDirectories: true)
                // A resolver that knows where the two zones are (static stubs) and keeps nothing in its cache:
                // every question reaches the primary, as the tests' expectations assume.
                let stubs = [DNSTestZone.zone, DNSTestZone.validationZone].map { zone in
                    "zone \"\(zone)\" { type static-stub; server-addresses { \(primaryHost); }; };"
                }
                let resolverLog = "\(resolverDirectory)/named.log"
                servers.append(
                    try namedProcess(
                        named, directory: resolverDirectory, log: resolverLog,
                        configuration: configuration(
                            directory: resolverDirectory, listenOn: resolverHost, zones: stubs,
                            recursion: "recursion yes; allow-recursion { any; }; max-cache-ttl 0; max-ncache-ttl 0;")))
                logPaths.append(resolverLog)
            }
        } catch {
            for server in servers { server.terminate() }
            throw error
        }
        return DNSPeer(
            implementation: .bind, addresses: addresses, secondary: withSecondary, resolver: withResolver, directory: directory, apiURL: nil,
            servers: servers,
            logPaths: logPaths)
    }

    /// named in the foreground (`-g`: logs to standard error), one worker thread (2-core machines run several).
    package static func namedProcess(_ named: String, directory: String, log: String, configuration: String) throws -> ChildProcess {
        let path = "\(directory)/named.conf"
        try configuration.write(toFile: path, atomically: true, encoding: .utf8)
        return try ChildProcess(
            named, ["-g", "-n", "1", "-c", path], environment: PebbleEnvironment.peerEnvironment(), standardOutput: .file(log),
            standardError: .file(log))
    }

    private static func configuration(directory: String, listenOn host: String, zones: [String], recursion: String = "recursion no;") -> String {
        """
        options {
            directory "\(directory)";
            pid-file "\(directory)/named.pid";
            session-keyfile "\(directory)/session.key";
            managed-keys-directory "\(directory)";
            listen-on port 53 { \(host); };
            listen-on-v6 { none; };
            \(recursion)
            dnssec-validation no;
            notify no;
        };
        controls { };
        key "\(DNSTestZone.keyName)" { algorithm hmac-sha256; secret "\(DNSTestZone.secret)"; };
        \(zones.joined(separator: "\n"))

        """
    }
}
