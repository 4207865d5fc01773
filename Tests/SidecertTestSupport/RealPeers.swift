import Foundation
import Testing

/// Which real peers (Debian's packages) this machine has, and the traits that skip a test without
/// them.
///
/// ```swift
/// @Test(.requiresPebble, .requiresNginx, .tags(.realPeers))
/// func issuesOnce() async throws { … }
/// ```
///
/// A developer without the packages sees the test skipped with a message saying how to get them.
/// scripts/test installs them and sets `SIDECERT_TEST_REQUIRE_PEERS=1` (so does `CI=true`): there a
/// missing peer is not skipped but fails, so CI never passes by running nothing.
package enum RealPeers {
    /// Whether a missing peer must fail the test instead of skipping it.
    package static let areRequired: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return environment["SIDECERT_TEST_REQUIRE_PEERS"] == "1" || environment["CI"] == "true"
    }()

    /// `pebble` and `pebble-challtestsrv` are installed.
    package static let hasPebble = ExecutableLookup.find("pebble") != nil && ExecutableLookup.find("pebble-challtestsrv") != nil
    /// `nginx` is installed.
    package static let hasNginx = ExecutableLookup.find("nginx") != nil
    /// `haproxy` is installed.
    package static let hasHAProxy = ExecutableLookup.find("haproxy") != nil
    /// `openssl` and `curl` are installed (the harness uses them for certificates and requests).
    package static let hasTools = ExecutableLookup.find("openssl") != nil && ExecutableLookup.find("curl") != nil
    /// BIND (`named`, with `nsupdate` for the exec provider's script) and `ip`, which gives each DNS
    /// server its own loopback address.
    package static let hasBIND = ["named", "nsupdate", "ip"].allSatisfy { ExecutableLookup.find($0) != nil }
    /// Knot DNS (`knotd`) and `ip`.
    package static let hasKnot = ["knotd", "ip"].allSatisfy { ExecutableLookup.find($0) != nil }
    /// PowerDNS Authoritative with its SQLite backend, `sqlite3` to make its database, and `ip`.
    package static let hasPowerDNS =
        ["pdns_server", "pdnsutil", "sqlite3", "ip"].allSatisfy { ExecutableLookup.find($0) != nil }
        && FileManager.default.fileExists(atPath: DNSPeer.powerDNSSchema)
}

extension Trait where Self == ConditionTrait {
    /// Skips the test (with a message) when Pebble, openssl or curl is missing, unless peers are
    /// required (scripts/test, CI).
    package static var requiresPebble: Self {
        .enabled(
            if: RealPeers.areRequired || (RealPeers.hasPebble && RealPeers.hasTools),
            "pebble, pebble-challtestsrv, openssl or curl is not installed: run scripts/install-test-deps (scripts/test does)"
        )
    }

    /// Skips the test (with a message) when nginx, openssl or curl is missing, unless peers are
    /// required (scripts/test, CI).
    package static var requiresNginx: Self {
        .enabled(
            if: RealPeers.areRequired || (RealPeers.hasNginx && RealPeers.hasTools),
            "nginx, openssl or curl is not installed: run scripts/install-test-deps (scripts/test does)"
        )
    }

    /// Skips the test (with a message) when openssl or curl is missing, unless peers are required
    /// (scripts/test, CI).
    package static var requiresTools: Self {
        .enabled(
            if: RealPeers.areRequired || RealPeers.hasTools,
            "openssl or curl is not installed: run scripts/install-test-deps (scripts/test does)"
        )
    }

    /// Skips the test (with a message) when haproxy, openssl or curl is missing, unless peers are
    /// required (scripts/test, CI).
    package static var requiresHAProxy: Self {
        .enabled(
            if: RealPeers.areRequired || (RealPeers.hasHAProxy && RealPeers.hasTools),
            "haproxy, openssl or curl is not installed: run scripts/install-test-deps (scripts/test does)"
        )
    }
}

extension Trait where Self == ConditionTrait {
    /// Skips the test (with a message) when BIND or `ip` is missing, unless peers are required.
    package static var requiresBIND: Self {
        .enabled(
            if: RealPeers.areRequired || RealPeers.hasBIND,
            "BIND (named, nsupdate) or ip is not installed: run scripts/install-test-deps (scripts/test does)"
        )
    }

    /// Skips the test (with a message) when Knot DNS or `ip` is missing, unless peers are required.
    package static var requiresKnot: Self {
        .enabled(
            if: RealPeers.areRequired || RealPeers.hasKnot,
            "Knot DNS (knotd) or ip is not installed: run scripts/install-test-deps (scripts/test does)"
        )
    }

    /// Skips the test (with a message) when PowerDNS, its SQLite backend or `ip` is missing, unless peers
    /// are required.
    package static var requiresPowerDNS: Self {
        .enabled(
            if: RealPeers.areRequired || RealPeers.hasPowerDNS,
            "PowerDNS (pdns-server, pdns-backend-sqlite3, sqlite3) or ip is not installed: run scripts/install-test-deps (scripts/test does)"
        )
    }
}

extension Tag {
    /// Tests that start real peers (Pebble, nginx, …): slower, and need scripts/install-test-deps.
    @Tag package static var realPeers: Self
}
