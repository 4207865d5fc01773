import Foundation
import Logging
import SidecertDNS
import SidecertTestSupport

/// A primary BIND serving zone `example.test` (UPDATE allowed with a TSIG key), and optionally a
/// secondary transferring it, each on port 53 of its own loopback address picked at run time.
///
/// The zone's NS records name both servers with their real addresses, so discovery finds them. The
/// primary sends no NOTIFY and the SOA refresh is an hour: the secondary learns of a change only when
/// a test notifies it (``notifySecondary()``), which makes "the secondary still misses it" observable.
struct BINDFixture: Sendable {
    static let zone = try! DNSName("example.test")
    static let keyName = try! DNSName("sidecert-test-key")
    static let secret = "c2lkZWNlcnQtYmluZC10ZXN0LXNlY3JldC0zMmJ5dGVzIQ=="
    /// A TXT record present before any test runs; deletions must leave it alone.
    static let preExistingValue = "pre-existing"

    /// The primary, which accepts updates.
    let primary: DNSServerAddress
    /// The secondary, when started.
    let secondary: DNSServerAddress?
    /// Where the servers' folders are.
    let directory: String

    /// The key the primary accepts updates with.
    var key: TSIGKey { try! TSIGKey(name: Self.keyName, algorithm: .hmacSHA256, base64Secret: Self.secret) }

    /// One more key per algorithm, named after it (`sidecert-hmac-sha1`), also allowed to update.
    static let keysPerAlgorithm: [TSIGKey] = TSIGAlgorithm.all.map {
        try! TSIGKey(name: DNSName("sidecert-\($0)"), algorithm: $0, base64Secret: secret)
    }

    /// A client with timeouts for a loaded 2-core machine.
    static func client(_ label: String = "dns-test") -> DNSClient {
        DNSClient(timeout: .seconds(2), attempts: 3, logger: Logger(label: label))
    }

    /// Starts the servers, runs `body`, and stops them on every path out.
    static func with<T>(secondary withSecondary: Bool, _ body: (BINDFixture) async throws -> T) async throws -> T {
        let directory = try TemporaryDirectory.make(prefix: "sidecert-dns")
        let addresses = try LoopbackAddress.claimGroup(count: 2)
        let (primaryHost, secondaryHost) = (addresses[0].host, addresses[1].host)
        let primary = DNSServerAddress(host: primaryHost, port: 53)
        let secondary = withSecondary ? DNSServerAddress(host: secondaryHost, port: 53) : nil
        var servers: [BINDServer] = []
        defer {
            for server in servers { server.stop() }
            for address in addresses { address.release() }
            TemporaryDirectory.remove(directory)
        }
        let client = Self.client("bind-fixture")
        let primaryDirectory = "\(directory)/primary"
        try FileManager.default.createDirectory(atPath: primaryDirectory, withIntermediateDirectories: true)
        try zoneFile(primary: primaryHost, secondary: secondaryHost)
            .write(toFile: "\(primaryDirectory)/example.test.zone", atomically: true, encoding: .utf8)
        let primaryServer = try BINDServer(
            address: primary,
            directory: primaryDirectory,
            configuration: configuration(directory: primaryDirectory, listenOn: primaryHost, zone: primaryZone(primaryDirectory))
        )
        servers.append(primaryServer)
        try await primaryServer.waitUntilServing(zone, client: client)
        if let secondary {
            let secondaryDirectory = "\(directory)/secondary"
            let secondaryServer = try BINDServer(
                address: secondary,
                directory: secondaryDirectory,
                configuration: configuration(
                    directory: secondaryDirectory,
                    listenOn: secondaryHost,
                    zone: secondaryZone(secondaryDirectory, primary: primaryHost)
                )
            )
            servers.append(secondaryServer)
            try await secondaryServer.waitUntilServing(zone, client: client)
        }
        return try await body(BINDFixture(primary: primary, secondary: secondary, directory: directory))
    }

    /// Tells the secondary the zone changed (RFC 1996), so it transfers it from the primary now.
    func notifySecondary() async throws {
        guard let secondary else { return }
        let notify = DNSMessage(id: 0, opcode: .notify, isAuthoritativeAnswer: true, questions: [DNSQuestion(name: Self.zone, type: .soa)])
        let answer = try await Self.client().exchange(notify, with: secondary)
        guard answer.responseCode == .noError else {
            throw HarnessError("the secondary answered NOTIFY with \(answer.responseCode)")
        }
    }

    private static func zoneFile(primary: String, secondary: String) -> String {
        // 40 strings of 100 bytes: a 4 kB answer, more than a 1232-byte EDNS UDP answer holds.
        let big = (0..<40).map { "\"\(String(repeating: Character(UnicodeScalar(UInt8(65 + $0 % 26))), count: 100))\"" }
        return """
            $TTL 60
            @ IN SOA ns1.example.test. hostmaster.example.test. ( 1 3600 600 86400 60 )
            @ IN NS ns1.example.test.
            @ IN NS ns2.example.test.
            ns1 IN A \(primary)
            ns2 IN A \(secondary)
            _acme-challenge.www IN TXT "\(preExistingValue)"
            _acme-challenge.alias IN CNAME _acme-challenge.middle
            _acme-challenge.middle IN CNAME target.acme-dns.example.test.
            loop1 IN CNAME loop2
            loop2 IN CNAME loop1
            big IN TXT \(big.joined(separator: " "))

            """
    }

    private static func primaryZone(_ directory: String) -> String {
        """
        key "\(keyName.fullyQualifiedText)" { algorithm hmac-sha256; secret "\(secret)"; };
        \(keysPerAlgorithm.map { "key \"\($0.name.fullyQualifiedText)\" { algorithm \($0.algorithm); secret \"\(secret)\"; };" }.joined(separator: "\n"))
        zone "example.test" {
            type primary;
            file "\(directory)/example.test.zone";
            allow-update { key "\(keyName.fullyQualifiedText)"; \(keysPerAlgorithm.map { "key \"\($0.name.fullyQualifiedText)\";" }.joined(separator: " ")) };
            allow-transfer { any; };
            notify no;
        };
        """
    }

    private static func secondaryZone(_ directory: String, primary: String) -> String {
        """
        zone "example.test" {
            type secondary;
            primaries { \(primary); };
            file "\(directory)/example.test.zone";
            allow-notify { any; };
        };
        """
    }

    private static func configuration(directory: String, listenOn host: String, zone: String) -> String {
        """
        options {
            directory "\(directory)";
            pid-file "\(directory)/named.pid";
            session-keyfile "\(directory)/session.key";
            managed-keys-directory "\(directory)";
            listen-on port 53 { \(host); };
            listen-on-v6 { none; };
            recursion no;
            dnssec-validation no;
            notify no;
        };
        controls { };
        \(zone)

        """
    }
}
