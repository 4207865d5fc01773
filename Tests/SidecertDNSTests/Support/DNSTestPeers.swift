import Foundation
import Testing

/// Whether BIND (Debian's `bind9`) is here, and the trait that skips a test without it — the idea of
/// SidecertTests' `RealPeers`, for this target.
///
/// scripts/test installs the peers and sets `SIDECERT_TEST_REQUIRE_PEERS=1` (so does `CI=true`): there
/// a missing BIND fails the test instead of skipping it, so CI never passes by running nothing.
enum DNSTestPeers {
    /// Whether a missing peer must fail the test instead of skipping it.
    static let areRequired: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return environment["SIDECERT_TEST_REQUIRE_PEERS"] == "1" || environment["CI"] == "true"
    }()

    /// `named`, BIND's server, is installed.
    static let hasBIND = executable("named") != nil

    /// The absolute path of `name` on `PATH` or in the `sbin` folders (named lives in /usr/sbin).
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/local/sbin", "/usr/sbin", "/sbin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension Trait where Self == ConditionTrait {
    /// Skips the test (with a message) when BIND is missing, unless peers are required (scripts/test, CI).
    static var requiresBIND: Self {
        .enabled(
            if: DNSTestPeers.areRequired || DNSTestPeers.hasBIND,
            "BIND (named) is not installed: run scripts/install-test-deps (scripts/test does)"
        )
    }
}

extension Tag {
    /// Tests that start real peers (BIND): slower, and need scripts/install-test-deps.
    @Tag static var realPeers: Self
}
