import Foundation
import Logging
import SidecertDNS
import Synchronization

/// A real authoritative DNS server from Debian's packages — BIND 9, Knot DNS or PowerDNS Authoritative —
/// serving ``DNSTestZone``'s zones on port 53 of its own loopback address, for one test.
///
/// With BIND there may also be a secondary on the neighbouring address. The primary sends no NOTIFY and
/// the zones refresh hourly, so the secondary holds back every change until the test calls
/// ``notifySecondary()``: "the secondary does not serve it yet" is observable, and lasts. And there may be
/// a recursive resolver (another BIND) in front of the servers, as a CA has: authoritative servers do not
/// follow a CNAME into another zone, a resolver does.
///
/// ```swift
/// let dns = try await DNSPeer.start(.bind)
/// defer { dns.stop() }
/// let pebble = try await PebbleEnvironment.start(dnsServer: dns.lookupServer)
/// ```
package final class DNSPeer: Sendable {
    /// Which server software answers.
    package enum Implementation: String, Sendable, CustomStringConvertible {
        case bind = "BIND 9"
        case knot = "Knot DNS"
        case powerDNS = "PowerDNS Authoritative"

        package var description: String { rawValue }
    }

    package let implementation: Implementation
    /// The primary, which takes the updates (RFC 2136 with ``DNSTestZone/keyName``, or PowerDNS's API).
    package let primary: DNSServerAddress
    /// The secondary, when started.
    package let secondary: DNSServerAddress?
    /// The recursive resolver, when started: it asks the primary for both zones.
    package let resolver: DNSServerAddress?
    /// The servers' folders: configuration, zone files, logs.
    package let directory: String
    /// PowerDNS's HTTP API (`http://127.0.0.1:P`), for `--pdns-api-url`; nil for the others.
    package let apiURL: String?
    /// The API key PowerDNS is configured with.
    package static let apiKey = "sidecert-test-api-key"

    private let servers: [ChildProcess]
    private let logPaths: [String]
    private let addresses: [LoopbackAddress]
    private let stopped = Mutex(false)

    init(
        implementation: Implementation, addresses: [LoopbackAddress], secondary: Bool, resolver: Bool, directory: String, apiURL: String?,
        servers: [ChildProcess], logPaths: [String]
    ) {
        self.implementation = implementation
        self.primary = DNSServerAddress(host: addresses[0].host, port: 53)
        self.secondary = secondary ? DNSServerAddress(host: addresses[1].host, port: 53) : nil
        self.resolver = resolver ? DNSServerAddress(host: addresses[2].host, port: 53) : nil
        self.directory = directory
        self.apiURL = apiURL
        self.servers = servers
        self.logPaths = logPaths
        self.addresses = addresses
    }

    deinit {
        stop()
    }

    /// Starts the server(s) and returns once each answers authoritatively for both zones.
    ///
    /// - Parameters:
    ///   - secondary: also start a secondary (BIND only).
    ///   - resolver: also start a recursive resolver in front of the primary (BIND only).
    package static func start(_ implementation: Implementation, secondary: Bool = false, resolver: Bool = false) async throws -> DNSPeer {
        precondition(!(secondary || resolver) || implementation == .bind, "only the BIND peer has a secondary or a resolver")
        let directory = try TemporaryDirectory.make(prefix: "sidecert-dns-peer")
        let addresses = try LoopbackAddress.claimGroup(count: 3)
        do {
            let peer: DNSPeer
            switch implementation {
            case .bind: peer = try startBIND(directory: directory, addresses: addresses, secondary: secondary, resolver: resolver)
            case .knot: peer = try startKnot(directory: directory, addresses: addresses)
            case .powerDNS: peer = try await startPowerDNS(directory: directory, addresses: addresses)
            }
            do {
                try await peer.waitUntilServing()
            } catch {
                peer.stop()
                throw error
            }
            return peer
        } catch {
            for address in addresses { address.release() }
            TemporaryDirectory.remove(directory)
            throw error
        }
    }

    /// Stops the servers, gives the addresses back and removes the folder (kept with
    /// `SIDECERT_TEST_KEEP_DIRS=1`). Safe to call more than once; `deinit` calls it too.
    package func stop() {
        guard stopped.setForTheFirstTime() else { return }
        for server in servers { server.terminate() }
        for address in addresses { address.release() }
        TemporaryDirectory.remove(directory)
    }

    /// Where lookups start, Pebble's `-dnsserver` and sidecert's `--dns-resolver`: the resolver when there
    /// is one, else the primary.
    package var lookupServer: String { "\((resolver ?? primary).host):53" }

    /// The flags that make sidecert write records here through `--dns-provider rfc2136` (BIND, Knot), or
    /// `pdns` (PowerDNS), and look the zones up at ``lookupServer`` (`--dns-resolver`).
    package func providerFlags() -> [String] {
        let resolver = ["--dns-resolver", lookupServer]
        switch implementation {
        case .bind, .knot:
            return [
                "--dns-provider", "rfc2136", "--rfc2136-server", primary.host, "--rfc2136-tsig-key", DNSTestZone.keyName,
                "--rfc2136-tsig-secret", DNSTestZone.secret,
            ] + resolver
        case .powerDNS:
            return ["--dns-provider", "pdns", "--pdns-api-url", apiURL ?? "", "--pdns-api-key", Self.apiKey] + resolver
        }
    }

    /// The flags that make sidecert run `command` to write records (`--dns-provider exec`), and look the
    /// zones up at ``lookupServer``.
    package func execProviderFlags(command: String) -> [String] {
        ["--dns-provider", "exec", "--dns-exec-command", command, "--dns-resolver", lookupServer]
    }

    /// The TXT values at `name` on `server` (the primary by default), asked directly.
    package func txtValues(at name: String, on server: DNSServerAddress? = nil) async throws -> [String] {
        let owner = try DNSName(name)
        let answer = try await Self.client.query(owner, type: .txt, at: server ?? primary, recursionDesired: false)
        return answer.answers.filter { $0.name == owner }.compactMap(\.data.joinedText).sorted()
    }

    /// Tells the secondary both zones changed (RFC 1996 NOTIFY), so it transfers them from the primary now.
    package func notifySecondary() async throws {
        guard let secondary else { throw HarnessError("this DNS peer has no secondary") }
        for zone in [DNSTestZone.zone, DNSTestZone.validationZone] {
            let notify = DNSMessage(
                id: 0, opcode: .notify, isAuthoritativeAnswer: true, questions: [DNSQuestion(name: try DNSName(zone), type: .soa)])
            let answer = try await Self.client.exchange(notify, with: secondary)
            guard answer.responseCode == .noError else {
                throw HarnessError("the secondary answered NOTIFY for \(zone) with \(answer.responseCode)")
            }
        }
    }

    /// The number of lines of the primary's log that contain `text` (BIND logs each record an UPDATE adds
    /// or deletes: `adding an RR at '<name>' TXT`, `deleting an RR at '<name>' TXT`).
    package func logLineCount(containing text: String) -> Int {
        let log = (try? String(contentsOfFile: logPaths[0], encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains(text) }.count
    }

    /// The primary's last log lines, for failure messages.
    package func logTail(_ count: Int = 30) -> String {
        "--- \(implementation) log (\(logPaths[0])) ---\n" + PebbleEnvironment.tail(of: logPaths[0], lines: count)
    }

    /// A client with timeouts for a loaded 2-core machine.
    package static let client = DNSClient(timeout: .seconds(2), attempts: 3, logger: Logger(label: "dns-peer"))

    private func waitUntilServing() async throws {
        let clock = ContinuousClock()
        // Generous: a secondary's first transfer waits for a busy 2-core machine like everything else.
        let deadline = clock.now.advanced(by: .seconds(120))
        for server in [primary] + [secondary, resolver].compactMap({ $0 }) {
            for zone in [DNSTestZone.zone, DNSTestZone.validationZone] {
                while true {
                    if let ended = servers.first(where: \.hasExited) {
                        throw HarnessError("\(ended.commandLine) exited before serving \(zone)\n\(logTail())")
                    }
                    // The resolver answers for the zones by asking the primary (RD=1); the servers on their own (RD=0, AA).
                    let isResolver = server == resolver
                    if let answer = try? await Self.client.query(try DNSName(zone), type: .soa, at: server, recursionDesired: isResolver),
                        answer.isAuthoritativeAnswer || isResolver, answer.answers.contains(where: { $0.type == .soa })
                    {
                        break
                    }
                    guard clock.now < deadline else { throw HarnessError("\(server) did not serve \(zone) within 120 s\n\(logTail())") }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
        }
    }
}
