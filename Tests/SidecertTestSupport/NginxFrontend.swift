import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real nginx in front of a shared volume, as the README configures it: it answers HTTP-01 from
/// `<volume>/acme-challenge/` (so whichever sidecert process wrote the token, Pebble's validator gets
/// it), and optionally serves HTTPS with `<volume>/live/<certName>/fullchain.pem` and `privkey.pem` (and, for
/// each further key type, `fullchain.<key type>.pem` and `privkey.<key type>.pem`: a second `ssl_certificate`
/// pair, which nginx picks by what the client supports).
///
/// ```swift
/// let nginx = try await NginxFrontend.start(volume: volume.path, httpPort: pebble.httpPort)
/// defer { nginx.stop() }
/// ```
///
/// It runs as a child process (`daemon off`), with its config, pid file, logs and temp folders in a
/// temporary folder of its own; as root its workers run as root too (test folders are mode 0700).
package final class NginxFrontend: Sendable {
    /// How a frontend that owns the TLS port passes `acme-tls/1` connections on: an nginx `stream` server
    /// on `publicPort` reads each connection's ALPN list (`ssl_preread`) and proxies the ones offering
    /// `acme-tls/1` to `acmeTLSPort` (sidecert's `--tls-alpn-listen`), every other one to the HTTPS server.
    package struct ALPNRouting: Sendable {
        package var publicPort: Int
        package var acmeTLSPort: Int

        package init(publicPort: Int, acmeTLSPort: Int) {
            self.publicPort = publicPort
            self.acmeTLSPort = acmeTLSPort
        }
    }

    /// What a frontend without the volume does with `/.well-known/acme-challenge/`: redirects it, with
    /// `status` (301, 302, …), to `target` + the request's path (a central validation host).
    package struct ChallengeRedirect: Sendable {
        package var status: Int
        package var target: String

        package init(status: Int, target: String) {
            self.status = status
            self.target = target
        }
    }

    /// The shared volume it serves from.
    package let volume: String
    /// Where it answers HTTP-01 (`http://127.0.0.1:httpPort/.well-known/acme-challenge/<token>`).
    package let httpPort: Int
    /// Where it serves HTTPS, once `live/<certName>/` exists (see `reload()`).
    package let httpsPort: Int?
    /// The certificate folder under `live/` it serves HTTPS with.
    package let certName: String?
    /// The further key types it serves beside the main certificate (`rsa-2048`), each its own
    /// `ssl_certificate` and `ssl_certificate_key`.
    package let otherKeyTypes: [String]
    /// nginx's prefix folder: config, pid file, logs.
    package let directory: String
    /// The master's pid file, for sidecert's `--reload-pidfile` (with `--reload-signal HUP`).
    package let pidFilePath: String
    /// nginx's error log (reload failures, e.g. a certificate without its key, are logged there).
    package let errorLogPath: String
    /// One line per request.
    package let accessLogPath: String
    /// The master process id.
    package var masterPID: Int32 { process.pid }
    /// The `stream` server routing by ALPN, when configured.
    package let alpnRouting: ALPNRouting?
    /// The redirect of HTTP-01 requests, when configured (instead of serving the volume).
    package let challengeRedirect: ChallengeRedirect?

    private let configPath: String
    private let process: ChildProcess
    private let servesHTTPSState: Mutex<Bool>
    private let stopped = Mutex(false)

    private init(
        volume: String,
        httpPort: Int,
        httpsPort: Int?,
        certName: String?,
        otherKeyTypes: [String],
        directory: String,
        servesHTTPS: Bool,
        alpnRouting: ALPNRouting?,
        challengeRedirect: ChallengeRedirect?,
        process: ChildProcess
    ) {
        self.alpnRouting = alpnRouting
        self.challengeRedirect = challengeRedirect
        self.volume = volume
        self.httpPort = httpPort
        self.httpsPort = httpsPort
        self.certName = certName
        self.otherKeyTypes = otherKeyTypes
        self.directory = directory
        self.pidFilePath = directory + "/nginx.pid"
        self.errorLogPath = directory + "/error.log"
        self.accessLogPath = directory + "/access.log"
        self.configPath = directory + "/nginx.conf"
        self.servesHTTPSState = Mutex(servesHTTPS)
        self.process = process
    }

    deinit {
        stop()
    }

    /// Starts nginx and returns once it accepts connections (at most ~10 s).
    ///
    /// - Parameters:
    ///   - volume: the shared volume; its `acme-challenge/` folder is created when missing.
    ///   - httpPort: where to answer HTTP-01; `PebbleEnvironment.httpPort` for Pebble to find it.
    ///   - httpsPort: where to serve HTTPS with `live/<certName>/`; the HTTPS server is configured only
    ///     while those files exist (now, or at a later `reload()`).
    ///   - certName: the folder under `live/`; required with `httpsPort`.
    ///   - otherKeyTypes: further key types served beside the main certificate (`["rsa-2048"]`).
    ///   - alpnRouting: also a `stream` server routing `acme-tls/1` by ALPN (the module is loaded from
    ///     Debian's libnginx-mod-stream when nginx does not have it built in).
    ///   - challengeRedirect: redirect HTTP-01 requests instead of serving the volume's `acme-challenge/`.
    package static func start(
        volume: String, httpPort: Int, httpsPort: Int? = nil, certName: String? = nil, otherKeyTypes: [String] = [],
        alpnRouting: ALPNRouting? = nil, challengeRedirect: ChallengeRedirect? = nil
    ) async throws -> NginxFrontend {
        let nginxPath = try ExecutableLookup.require("nginx")
        if httpsPort != nil, certName == nil {
            throw HarnessError("NginxFrontend.start: httpsPort needs a certName")
        }
        try FileManager.default.createDirectory(
            atPath: volume + "/acme-challenge",
            withIntermediateDirectories: true
        )
        let directory = try TemporaryDirectory.make(prefix: "sidecert-nginx")
        do {
            let servesHTTPS = httpsPort != nil && certificateExists(volume: volume, certName: certName, otherKeyTypes: otherKeyTypes)
            try config(
                directory: directory,
                volume: volume,
                httpPort: httpPort,
                https: servesHTTPS ? (httpsPort!, certName!, otherKeyTypes) : nil,
                alpnRouting: alpnRouting,
                challengeRedirect: challengeRedirect
            ).write(toFile: directory + "/nginx.conf", atomically: true, encoding: .utf8)
            let outputPath = directory + "/nginx.out"
            let process = try ChildProcess(
                nginxPath,
                [
                    "-p", directory, "-c", directory + "/nginx.conf", "-e", directory + "/error.log",
                    "-g", "daemon off;",
                ],
                environment: PebbleEnvironment.peerEnvironment(),
                standardOutput: .file(outputPath),
                standardError: .file(outputPath)
            )
            let nginx = NginxFrontend(
                volume: volume,
                httpPort: httpPort,
                httpsPort: httpsPort,
                certName: certName,
                otherKeyTypes: otherKeyTypes,
                directory: directory,
                servesHTTPS: servesHTTPS,
                alpnRouting: alpnRouting,
                challengeRedirect: challengeRedirect,
                process: process
            )
            var ready = await FreePort.waitUntilAccepting(httpPort, processEnded: { process.hasExited })
            if ready, let alpnRouting {
                ready = await FreePort.waitUntilAccepting(alpnRouting.publicPort, processEnded: { process.hasExited })
            }
            if ready, servesHTTPS, let httpsPort {
                ready = await FreePort.waitUntilAccepting(httpsPort, processEnded: { process.hasExited })
            }
            if ready {
                ready = await nginx.answersOnItsHTTPPort()
            }
            guard ready else {
                nginx.process.terminate()
                let logs = PebbleEnvironment.tail(of: outputPath) + "\n" + PebbleEnvironment.tail(of: nginx.errorLogPath)
                nginx.stop()
                throw HarnessError("nginx did not start on 127.0.0.1:\(httpPort) (folder \(directory)):\n\(logs)")
            }
            return nginx
        } catch {
            TemporaryDirectory.remove(directory)
            throw error
        }
    }

    /// Whether the server answering on `httpPort` is this nginx. Another process may take the port between
    /// `FreePort` handing it out and nginx binding it; nginx then retries its bind for a few seconds while
    /// the other server answers, and a test would meet a 404 from a stranger (seen once in a full run). A
    /// file written to the volume's `acme-challenge/` must come back (or, redirecting, the redirect).
    private func answersOnItsHTTPPort() async -> Bool {
        let marker = "sidecert-harness-\(UUID().uuidString)"
        let path = volume + "/acme-challenge/" + marker
        guard (try? marker.write(toFile: path, atomically: true, encoding: .utf8)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        while clock.now < deadline, !process.hasExited {
            if let answer = try? await Curl.get("http://127.0.0.1:\(httpPort)/.well-known/acme-challenge/\(marker)") {
                if challengeRedirect == nil ? answer.status == 200 && answer.body == marker : (300..<400).contains(answer.status) { return true }
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Whether the running configuration has the HTTPS server.
    package var servesHTTPS: Bool {
        servesHTTPSState.withLock { $0 }
    }

    /// Rewrites the config (adding the HTTPS server if `live/<certName>/` has appeared since) and sends
    /// the master `SIGHUP`, as a sidecert reloader would. nginx swaps workers asynchronously: poll
    /// (e.g. `servedCertificatePEM()`) for the effect.
    package func reload() throws {
        let servesHTTPS = httpsPort != nil && Self.certificateExists(volume: volume, certName: certName, otherKeyTypes: otherKeyTypes)
        try Self.config(
            directory: directory,
            volume: volume,
            httpPort: httpPort,
            https: servesHTTPS ? (httpsPort!, certName!, otherKeyTypes) : nil,
            alpnRouting: alpnRouting,
            challengeRedirect: challengeRedirect
        ).write(toFile: configPath, atomically: true, encoding: .utf8)
        servesHTTPSState.withLock { $0 = servesHTTPS }
        process.kill(SIGHUP)
    }

    /// The leaf certificate (PEM) nginx presents on `httpsPort` right now, fetched with
    /// `openssl s_client`; `clientArguments` make it a particular client (`-tls1_3`, `-sigalgs ECDSA+SHA256`).
    package func servedCertificatePEM(serverName: String = "localhost", clientArguments: [String] = []) async throws -> String {
        guard let httpsPort else {
            throw HarnessError("NginxFrontend was started without an httpsPort")
        }
        return try await ServedCertificate.pem(port: httpsPort, serverName: serverName, clientArguments: clientArguments)
    }

    /// The last lines of nginx's error log.
    package func errorLogTail(_ count: Int = 40) -> String {
        PebbleEnvironment.tail(of: errorLogPath, lines: count)
    }

    /// Stops nginx (SIGTERM, then SIGKILL to its process group) and removes its folder (kept with
    /// `SIDECERT_TEST_KEEP_DIRS=1`). The volume is the caller's. Safe to call more than once.
    package func stop() {
        guard stopped.setForTheFirstTime() else { return }
        // SIGTERM: the master stops its workers and exits; past 5 s, SIGKILL reaches its whole group.
        process.terminate()
        TemporaryDirectory.remove(directory)
    }

    private static func certificateExists(volume: String, certName: String?, otherKeyTypes: [String]) -> Bool {
        guard let certName else { return false }
        let live = volume + "/live/" + certName
        return ([""] + otherKeyTypes.map { ".\($0)" }).allSatisfy { infix in
            FileManager.default.fileExists(atPath: live + "/fullchain\(infix).pem")
                && FileManager.default.fileExists(atPath: live + "/privkey\(infix).pem")
        }
    }

    /// `load_module` for the stream module when nginx has it as a dynamic module (Debian's
    /// libnginx-mod-stream); nothing when it is built in.
    package static func streamModuleDirective() throws -> String {
        let candidates = ["/usr/lib/nginx/modules/ngx_stream_module.so", "/usr/share/nginx/modules/ngx_stream_module.so"]
        if let module = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            return "load_module \(module);"
        }
        throw HarnessError("nginx's stream module is not installed: run scripts/install-test-deps (it installs libnginx-mod-stream)")
    }

    private static func config(
        directory: String, volume: String, httpPort: Int, https: (port: Int, certName: String, otherKeyTypes: [String])?,
        alpnRouting: ALPNRouting? = nil,
        challengeRedirect: ChallengeRedirect? = nil
    ) throws -> String {
        let user = getuid() == 0 ? "user root;" : ""
        let challengeLocation =
            if let challengeRedirect {
                "location ^~ /.well-known/acme-challenge/ { return \(challengeRedirect.status) \(challengeRedirect.target)$request_uri; }"
            } else {
                "location ^~ /.well-known/acme-challenge/ { alias \(volume)/acme-challenge/; }"
            }
        var servers = """
                server {
                    listen 127.0.0.1:\(httpPort);
                    \(challengeLocation)
                }
            """
        if let https {
            // One ssl_certificate/ssl_certificate_key pair per key type, as the README configures a dual setup.
            let certificates = ([""] + https.otherKeyTypes.map { ".\($0)" }).map { infix in
                """
                        ssl_certificate \(volume)/live/\(https.certName)/fullchain\(infix).pem;
                        ssl_certificate_key \(volume)/live/\(https.certName)/privkey\(infix).pem;
                """
            }.joined(separator: "\n")
            servers += """

                    server {
                        listen 127.0.0.1:\(https.port) ssl;
                        # nginx before 1.23.4 leaves TLS 1.3 out of its default protocols.
                        ssl_protocols TLSv1.2 TLSv1.3;
                \(certificates)
                        location / { return 200 "sidecert test frontend"; }
                        location ^~ /.well-known/acme-challenge/ { alias \(volume)/acme-challenge/; }
                    }
                """
        }
        var stream = ""
        var modules = ""
        if let alpnRouting {
            modules = try streamModuleDirective()
            // The HTTPS server's port while it exists; a closed port of this host before (nothing to serve).
            let httpsUpstream = https.map { "127.0.0.1:\($0.port)" } ?? "127.0.0.1:1"
            stream = """
                stream {
                    map $ssl_preread_alpn_protocols $tls_upstream {
                        ~\\bacme-tls/1\\b 127.0.0.1:\(alpnRouting.acmeTLSPort);
                        default \(httpsUpstream);
                    }
                    server {
                        listen 127.0.0.1:\(alpnRouting.publicPort);
                        ssl_preread on;
                        proxy_pass $tls_upstream;
                    }
                }
                """
        }
        return """
            \(user)
            \(modules)
            worker_processes 1;
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log info;
            events { worker_connections 256; }
            http {
                access_log \(directory)/access.log;
                client_body_temp_path \(directory)/client_body;
                proxy_temp_path \(directory)/proxy;
                fastcgi_temp_path \(directory)/fastcgi;
                uwsgi_temp_path \(directory)/uwsgi;
                scgi_temp_path \(directory)/scgi;
                default_type application/octet-stream;
            \(servers)
            }
            \(stream)

            """
    }
}
