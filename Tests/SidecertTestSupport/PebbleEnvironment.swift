import Foundation
import Synchronization

/// A real Pebble ACME server (Let's Encrypt's test CA, Debian's `pebble` package) for one test, with
/// `pebble-challtestsrv` as its DNS server (every A query answers 127.0.0.1, so any name validates
/// against this machine).
///
/// ```swift
/// let pebble = try await PebbleEnvironment.start()
/// defer { pebble.stop() }
/// let nginx = try await NginxFrontend.start(volume: volume.path, httpPort: pebble.httpPort)
/// defer { nginx.stop() }
/// let result = try await SidecertProcess.run(
///     ["ensure", "--storage", volume.path, "--domain", "a.example.com"] + pebble.sidecertFlags(),
///     timeout: .seconds(30)
/// )
/// #expect(result.status == 0, "\(result.stderr)")
/// #expect(pebble.orderCount() == 1 && pebble.accountCount() == 1)
/// ```
///
/// Everything is private to the test: its own temporary folder (config, throwaway CA, logs), ports
/// picked at run time, its own processes. Pebble runs with `PEBBLE_VA_NOSLEEP=1` and its default
/// nonce rejection (5% of good nonces are refused with `badNonce`, on purpose; `rejectingNonces: false`
/// turns it off), and reuses a valid authorization half of the time. Its state is in memory only: a
/// stopped Pebble is gone for good.
package final class PebbleEnvironment: Sendable {
    /// The ACME directory, `https://localhost:P/dir` (the TLS certificate is for `localhost` and
    /// 127.0.0.1); sidecert's `--directory`.
    package let directoryURL: String
    /// The throwaway CA (PEM) that signed Pebble's TLS certificate; sidecert's `--ca-bundle`.
    package let caBundlePath: String
    /// The port Pebble's validator connects to for HTTP-01 (`http://<name>:httpPort/.well-known/…`);
    /// serve the volume there, e.g. with `NginxFrontend.start(volume:httpPort:)`.
    package let httpPort: Int
    /// The port Pebble's validator connects to for TLS-ALPN-01.
    package let tlsPort: Int
    /// The ACME API's port (`directoryURL`'s).
    package let acmePort: Int
    /// The UDP/TCP port of the DNS server (`pebble-challtestsrv`) Pebble resolves names with.
    package let dnsPort: Int
    /// Pebble's management interface, `https://127.0.0.1:M` (same TLS certificate as the API).
    package let managementURL: String
    /// The root of the chain Pebble issues under (PEM), from the management interface.
    package let rootsURL: String
    /// The intermediate Pebble issues from (PEM), from the management interface.
    package let intermediatesURL: String
    /// The key id of the one external account binding key, when started with `externalAccountBinding`.
    package let eabKeyID: String?
    /// The matching HMAC key (base64url, as CAs hand them out); sidecert's `--eab-hmac-key`.
    package let eabHMACKey: String?
    /// Pebble's combined standard output and error: one line per request (`POST /order-plz -> calling
    /// handler()`) and lines for what it created; see `orderCount()`.
    package let logPath: String
    /// The temporary folder with the config, the throwaway CA and the logs.
    package let directory: String

    private let ports: Ports
    private let pebble: ChildProcess
    private let challengeServer: ChildProcess
    private let stopped = Mutex(false)

    /// Pebble logs `Added order "<id>" to the db` once per order it creates (a `badNonce` retry
    /// of `POST /order-plz` logs the request line again but creates nothing).
    package static let newOrderMarker = "Added order \""
    /// Pebble logs `There are now <n> accounts in memory` once per account it creates (not for
    /// `onlyReturnExisting` look-ups, nor for an existing key's `newAccount`).
    package static let newAccountMarker = " accounts in memory"
    /// Pebble logs `Issued certificate serial <hex> for order <id>` once per certificate.
    package static let issuedCertificateMarker = "Issued certificate serial "

    /// Pebble logs `authz <id> set INVALID by completed challenge <id>` once per failed validation: what Let's
    /// Encrypt counts against its limit of 5 failed validations per name an hour.
    package static let failedValidationMarker = "set INVALID by completed challenge"

    private init(
        directory: String,
        ca: ThrowawayCA,
        ports: Ports,
        eab: (keyID: String, hmacKey: String)?,
        pebble: ChildProcess,
        challengeServer: ChildProcess
    ) {
        self.directory = directory
        self.directoryURL = "https://localhost:\(ports.acme)/dir"
        self.caBundlePath = ca.caPath
        self.httpPort = ports.http
        self.tlsPort = ports.tls
        self.acmePort = ports.acme
        self.dnsPort = ports.dns
        self.managementURL = "https://127.0.0.1:\(ports.management)"
        self.rootsURL = "https://127.0.0.1:\(ports.management)/roots/0"
        self.intermediatesURL = "https://127.0.0.1:\(ports.management)/intermediates/0"
        self.eabKeyID = eab?.keyID
        self.eabHMACKey = eab?.hmacKey
        self.logPath = directory + "/pebble.log"
        self.ports = ports
        self.pebble = pebble
        self.challengeServer = challengeServer
    }

    deinit {
        stop()
    }

    /// Starts challtestsrv and Pebble and returns once the directory answers (at most ~10 s, three
    /// tries with new ports if one was taken meanwhile).
    ///
    /// - Parameters:
    ///   - certificateValidity: lifetime of issued certificates in seconds (Pebble's
    ///     `certificateValidityPeriod`; its default is 5 years). Short ones make renewal tests.
    ///   - externalAccountBinding: require EAB for new accounts; the key is `eabKeyID`/`eabHMACKey`.
    ///   - dnsServer: `HOST:PORT` of the DNS server Pebble resolves names with (and looks up DNS-01
    ///     records at) instead of challtestsrv: a test's real authoritative server (`DNSPeer`).
    ///   - rejectingNonces: Pebble's default, refusing 5 % of good nonces (badNonce), which sidecert must
    ///     retry; off for tests that count requests or fault a chosen one.
    package static func start(
        certificateValidity: Int? = nil, externalAccountBinding: Bool = false, dnsServer: String? = nil, rejectingNonces: Bool = true
    ) async throws
        -> PebbleEnvironment
    {
        let pebblePath = try ExecutableLookup.require("pebble")
        var knobs = ["PEBBLE_VA_NOSLEEP": "1"]
        if !rejectingNonces { knobs["PEBBLE_WFE_NONCEREJECT"] = "0" }
        let challengeServerPath = try ExecutableLookup.require("pebble-challtestsrv")
        let directory = try TemporaryDirectory.make(prefix: "sidecert-pebble")
        do {
            let ca = try await ThrowawayCA.make(in: directory)
            let eab = externalAccountBinding ? (keyID: "kid-sidecert-test", hmacKey: randomBase64URL(bytes: 32)) : nil
            var failures: [String] = []
            for _ in 1...3 {
                let ports = try Ports(FreePort.allocate(6))
                try writeConfig(
                    to: directory + "/pebble-config.json",
                    ca: ca,
                    ports: ports,
                    certificateValidity: certificateValidity,
                    eab: eab
                )
                let logPath = directory + "/pebble.log"
                let challengeLogPath = directory + "/challtestsrv.log"
                try? FileManager.default.removeItem(atPath: logPath)
                try? FileManager.default.removeItem(atPath: challengeLogPath)

                let challengeServer = try ChildProcess(
                    challengeServerPath,
                    [
                        "-dns01", "127.0.0.1:\(ports.dns)", "-http01", "", "-https01", "", "-tlsalpn01", "",
                        "-management", "127.0.0.1:\(ports.challengeServerManagement)",
                        "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                    ],
                    environment: peerEnvironment(),
                    standardOutput: .file(challengeLogPath),
                    standardError: .file(challengeLogPath)
                )
                let pebble = try ChildProcess(
                    pebblePath,
                    ["-config", directory + "/pebble-config.json", "-dnsserver", dnsServer ?? "127.0.0.1:\(ports.dns)"],
                    environment: peerEnvironment(adding: knobs),
                    standardOutput: .file(logPath),
                    standardError: .file(logPath)
                )
                let environment = PebbleEnvironment(
                    directory: directory,
                    ca: ca,
                    ports: ports,
                    eab: eab,
                    pebble: pebble,
                    challengeServer: challengeServer
                )
                if let failure = await environment.waitUntilReady() {
                    environment.abandon()
                    let logs = "\(tail(of: logPath))\n--- challtestsrv ---\n\(tail(of: challengeLogPath))"
                    failures.append("\(failure)\n--- pebble ---\n\(logs)")
                    if logs.contains("address already in use") {
                        continue
                    }
                    break
                }
                return environment
            }
            throw HarnessError("Pebble did not start (folder \(directory)):\n" + failures.joined(separator: "\n\n"))
        } catch {
            TemporaryDirectory.remove(directory)
            throw error
        }
    }

    /// The flags that point `sidecert` at this Pebble: `--directory`, `--ca-bundle`, `--agree-tos`
    /// (unless `agreeToTerms` is false), `--email` (unless nil), and the EAB flags when required.
    package func sidecertFlags(email: String? = "ops@example.com", agreeToTerms: Bool = true) -> [String] {
        var flags = ["--directory", directoryURL, "--ca-bundle", caBundlePath]
        if agreeToTerms {
            flags.append("--agree-tos")
        }
        if let email {
            flags += ["--email", email]
        }
        if let eabKeyID, let eabHMACKey {
            flags += ["--eab-kid", eabKeyID, "--eab-hmac-key", eabHMACKey]
        }
        return flags
    }

    /// The number of orders Pebble has created so far.
    package func orderCount() -> Int {
        logLineCount(containing: Self.newOrderMarker)
    }

    /// The number of accounts Pebble has created so far.
    package func accountCount() -> Int {
        logLineCount(containing: Self.newAccountMarker)
    }

    /// The number of certificates Pebble has issued so far.
    package func issuedCertificateCount() -> Int {
        logLineCount(containing: Self.issuedCertificateMarker)
    }

    /// The number of validations that failed at Pebble so far.
    package func failedValidationCount() -> Int {
        logLineCount(containing: Self.failedValidationMarker)
    }

    /// The number of requests whose log line contains `request`, e.g. `"POST /order-plz"`,
    /// `"POST /sign-me-up"`, `"HEAD /nonce-plz"`, `"GET /dir"`. `badNonce` retries count too.
    package func requestCount(matching request: String) -> Int {
        logLines().filter { $0.contains(request) && $0.hasSuffix("-> calling handler()") }.count
    }

    /// The number of lines of Pebble's log that contain `text`.
    package func logLineCount(containing text: String) -> Int {
        logLines().filter { $0.contains(text) }.count
    }

    /// Pebble's log so far, line by line.
    ///
    /// Decoded leniently: Pebble writes while we read, and a line cut in the middle of a multi-byte character
    /// must not make the whole log unreadable (strict decoding returned nothing then, and counts read 0).
    package func logLines() -> [String] {
        let bytes = FileManager.default.contents(atPath: logPath) ?? Data()
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The last `count` lines of Pebble's log, for failure messages.
    package func logTail(_ count: Int = 40) -> String {
        Self.tail(of: logPath, lines: count)
    }

    /// The root certificate Pebble issues under (PEM), downloaded from the management interface.
    /// Pebble makes a new one at every start, so tests that verify an issued chain fetch it here.
    package func issuingRootPEM() async throws -> String {
        try await managementPEM(rootsURL)
    }

    /// The intermediate certificate Pebble issues from (PEM).
    package func intermediatePEM() async throws -> String {
        try await managementPEM(intermediatesURL)
    }

    /// Makes the CA unreachable (stops Pebble; the DNS server stays up). Connections to
    /// `directoryURL` are refused from then on. Pebble cannot be started again with its state.
    package func stopCA() {
        pebble.terminate()
    }

    /// Stops Pebble and the DNS server and removes the folder (kept with `SIDECERT_TEST_KEEP_DIRS=1`).
    /// Safe to call more than once; `deinit` calls it too.
    package func stop() {
        guard stopped.setForTheFirstTime() else { return }
        stopProcesses()
        TemporaryDirectory.remove(directory)
    }

    private func stopProcesses() {
        pebble.terminate()
        challengeServer.terminate()
    }

    /// Stops the processes of a start attempt that failed, keeping the folder for the next attempt.
    private func abandon() {
        stopped.withLock { $0 = true }
        stopProcesses()
    }

    /// Nil once the directory answers; otherwise why not.
    private func waitUntilReady() async -> String? {
        guard await FreePort.waitUntilAccepting(ports.challengeServerManagement, processEnded: { challengeServer.hasExited })
        else {
            return "pebble-challtestsrv is not listening on 127.0.0.1:\(ports.challengeServerManagement)"
        }
        guard await FreePort.waitUntilAccepting(acmePort, processEnded: { pebble.hasExited }) else {
            return "pebble is not listening on 127.0.0.1:\(acmePort)"
        }
        var lastError = ""
        // Time, not tries: on a loaded machine one curl may take seconds.
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while ContinuousClock.now < deadline {
            if pebble.hasExited || challengeServer.hasExited {
                return "pebble or pebble-challtestsrv exited"
            }
            do {
                let response = try await Curl.get(directoryURL, caBundle: caBundlePath)
                if response.status == 200, response.body.contains("newOrder") {
                    return nil
                }
                lastError = "GET \(directoryURL): \(response.status) \(response.body)"
            } catch {
                lastError = "\(error)"
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return lastError
    }

    private func managementPEM(_ url: String) async throws -> String {
        let response = try await Curl.get(url, caBundle: caBundlePath)
        guard response.status == 200, response.body.contains("BEGIN CERTIFICATE") else {
            throw HarnessError("GET \(url): \(response.status) \(response.body)")
        }
        return response.body
    }

    /// The ports one Pebble uses.
    private struct Ports: Sendable {
        var acme: Int
        var management: Int
        var http: Int
        var tls: Int
        var dns: Int
        var challengeServerManagement: Int

        init(acme: Int, management: Int, http: Int, tls: Int, dns: Int, challengeServerManagement: Int) {
            self.acme = acme
            self.management = management
            self.http = http
            self.tls = tls
            self.dns = dns
            self.challengeServerManagement = challengeServerManagement
        }

        init(_ ports: [Int]) throws {
            guard ports.count == 6 else { throw HarnessError("expected 6 ports, got \(ports)") }
            self.init(
                acme: ports[0],
                management: ports[1],
                http: ports[2],
                tls: ports[3],
                dns: ports[4],
                challengeServerManagement: ports[5]
            )
        }
    }

    private static func writeConfig(
        to path: String,
        ca: ThrowawayCA,
        ports: Ports,
        certificateValidity: Int?,
        eab: (keyID: String, hmacKey: String)?
    ) throws {
        var settings: [String: Any] = [
            "listenAddress": "127.0.0.1:\(ports.acme)",
            "managementListenAddress": "127.0.0.1:\(ports.management)",
            "certificate": ca.serverCertificatePath,
            "privateKey": ca.serverKeyPath,
            "httpPort": ports.http,
            "tlsPort": ports.tls,
            "ocspResponderURL": "",
            "externalAccountBindingRequired": eab != nil,
        ]
        if let certificateValidity {
            settings["certificateValidityPeriod"] = certificateValidity
        }
        if let eab {
            settings["externalAccountMACKeys"] = [eab.keyID: eab.hmacKey]
        }
        let data = try JSONSerialization.data(
            withJSONObject: ["pebble": settings],
            options: [.prettyPrinted, .sortedKeys]
        )
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// The test runner's environment without Pebble's knobs (so `PEBBLE_WFE_NONCEREJECT` and the
    /// like keep their defaults) and without sidecert's variables, plus `adding`.
    package static func peerEnvironment(adding extra: [String: String] = [:]) -> [String: String] {
        ProcessInfo.processInfo.environment
            .filter { !$0.key.hasPrefix("PEBBLE_") && !$0.key.hasPrefix("SIDECERT_") }
            .merging(extra) { _, new in new }
    }

    package static func tail(of path: String, lines: Int = 40) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(no \(path))"
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private static func randomBase64URL(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
