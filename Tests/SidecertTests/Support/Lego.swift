import Foundation
import SidecertTestSupport

/// Debian's lego run against a test Pebble, for a real `.lego` directory to migrate from.
///
/// Its own HTTP-01 server answers on Pebble's HTTP-01 port (Pebble's DNS resolves every name to
/// 127.0.0.1), so no frontend may hold that port meanwhile. It trusts Pebble through
/// `LEGO_CA_CERTIFICATES`.
enum Lego {
    /// Issues one certificate for `names` into `<folder>/.lego` (lego's `--path`) and returns that path.
    static func run(names: [String], pebble: PebbleEnvironment, in folder: String) async throws -> String {
        let path = folder + "/.lego"
        try await ChildProcess.check(
            "lego",
            [
                "--server", pebble.directoryURL, "--accept-tos", "--email", "ops@example.com", "--http", "--http.port",
                "127.0.0.1:\(pebble.httpPort)", "--path", path,
            ] + names.flatMap { ["--domains", $0] } + ["run"],
            environment: ["LEGO_CA_CERTIFICATES": pebble.caBundlePath],
            timeout: .seconds(120)
        )
        return path
    }
}
