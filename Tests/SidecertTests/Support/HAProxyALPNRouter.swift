import Foundation
import SidecertTestSupport
import Synchronization

/// A real haproxy owning a TLS port in TCP mode, as a load balancer in front of HTTPS servers does: it reads
/// each connection's ClientHello (`req.ssl_alpn`) and passes the ones offering `acme-tls/1` to sidecert's
/// `--tls-alpn-listen`, every other one to the HTTPS server, without terminating TLS.
final class HAProxyALPNRouter: Sendable {
    /// The port it owns (Pebble's `tlsPort` in the tests).
    let publicPort: Int
    /// haproxy's folder: config, output.
    let directory: String

    private let process: ChildProcess
    private let stopped = Mutex(false)

    private init(publicPort: Int, directory: String, process: ChildProcess) {
        self.publicPort = publicPort
        self.directory = directory
        self.process = process
    }

    deinit {
        stop()
    }

    /// The configuration the README shows, with the test's ports.
    static func config(publicPort: Int, acmeTLSPort: Int, httpsPort: Int) -> String {
        """
        defaults
            mode tcp
            timeout connect 5s
            timeout client 10s
            timeout server 10s
        frontend tls
            bind 127.0.0.1:\(publicPort)
            tcp-request inspect-delay 5s
            tcp-request content accept if { req.ssl_hello_type 1 }
            use_backend acme_tls_alpn if { req.ssl_alpn acme-tls/1 }
            default_backend https
        backend acme_tls_alpn
            server sidecert 127.0.0.1:\(acmeTLSPort)
        backend https
            server web 127.0.0.1:\(httpsPort)

        """
    }

    /// Starts haproxy on `publicPort` and returns once it accepts connections (at most ~10 s).
    static func start(publicPort: Int, acmeTLSPort: Int, httpsPort: Int) async throws -> HAProxyALPNRouter {
        let haproxyPath = try ExecutableLookup.require("haproxy")
        let directory = try TemporaryDirectory.make(prefix: "sc-haproxy-alpn")
        do {
            try config(publicPort: publicPort, acmeTLSPort: acmeTLSPort, httpsPort: httpsPort)
                .write(toFile: directory + "/haproxy.cfg", atomically: true, encoding: .utf8)
            let outputPath = directory + "/haproxy.out"
            let process = try ChildProcess(
                haproxyPath, ["-f", directory + "/haproxy.cfg"], environment: PebbleEnvironment.peerEnvironment(),
                standardOutput: .file(outputPath), standardError: .file(outputPath))
            guard await FreePort.waitUntilAccepting(publicPort, processEnded: { process.hasExited }) else {
                process.terminate()
                throw HarnessError(
                    "haproxy did not start on 127.0.0.1:\(publicPort) (folder \(directory)):\n\(PebbleEnvironment.tail(of: outputPath))")
            }
            return HAProxyALPNRouter(publicPort: publicPort, directory: directory, process: process)
        } catch {
            TemporaryDirectory.remove(directory)
            throw error
        }
    }

    /// Stops haproxy and removes its folder. Safe to call more than once.
    func stop() {
        guard stopped.setForTheFirstTime() else { return }
        process.terminate()
        TemporaryDirectory.remove(directory)
    }
}
