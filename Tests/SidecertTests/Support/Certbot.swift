import Foundation
import SidecertTestSupport

/// Debian's certbot run against a test Pebble, for a real certbot config directory to migrate from.
///
/// Its standalone server answers HTTP-01 on Pebble's HTTP-01 port (Pebble's DNS resolves every name to
/// 127.0.0.1), so no frontend may hold that port meanwhile. It trusts Pebble through
/// `REQUESTS_CA_BUNDLE`; config, work and log directories are all under the given folder.
enum Certbot {
    /// Issues one certificate for `names` (certbot's lineage is the first name) and returns the config
    /// directory (`<folder>/config`, certbot's `--config-dir`).
    static func certonly(names: [String], pebble: PebbleEnvironment, in folder: String) async throws -> String {
        let config = folder + "/config"
        let run = {
            try await ChildProcess.check(
                "certbot",
                [
                    "certonly", "--standalone", "--http-01-address", "127.0.0.1", "--http-01-port", "\(pebble.httpPort)",
                    "--server", pebble.directoryURL, "--config-dir", config, "--work-dir", folder + "/work", "--logs-dir", folder + "/logs",
                    "--agree-tos", "--no-eff-email", "-m", "ops@example.com", "--non-interactive",
                ] + names.flatMap { ["-d", $0] },
                environment: ["REQUESTS_CA_BUNDLE": pebble.caBundlePath],
                timeout: .seconds(120)
            )
        }
        do {
            try await run()
        } catch {
            // certbot's ACME library retries a rejected nonce only once, and Pebble rejects 5 % of them on
            // purpose, so now and then a run fails on two in a row: this only makes the fixture, so try again.
            try await run()
        }
        return config
    }
}
