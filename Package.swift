// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "sidecert",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sidecert", targets: ["SidecertCLI"])
    ],
    // Every dependency pinned to the exact version built, tested and benchmarked: Package.resolved is not
    // committed (it cannot be on the project's machines), so these lines are what makes the image, CI and
    // the benchmarks build the same code. The packages these depend on resolve, with these pins, to
    // swift-algorithms 1.2.1, swift-async-algorithms 1.1.4, swift-atomics 1.3.0, swift-collections 1.6.0,
    // swift-configuration 1.4.0, swift-distributed-tracing 1.7.3, swift-http-structured-headers 1.7.0,
    // swift-http-types 1.8.0, swift-nio-extras 1.35.2, swift-nio-http2 1.46.0,
    // swift-nio-transport-services 1.28.0, swift-numerics 1.1.1, swift-service-context 1.5.1 and
    // swift-system 1.8.1. To upgrade: change a version here, `swift package update`, run scripts/test.
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", exact: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", exact: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        // Tests only: deploy/kubernetes/'s manifests are full YAML (several documents, block scalars),
        // read as Kubernetes reads them. The executable reads its certificates file with SidecertYAML.
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
    ],
    targets: [
        // The ACME protocol (RFC 8555 and extensions). Knows nothing of volumes.
        .target(
            name: "SidecertACME",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The shared volume: layout, inspection, lease, ledger, publishing. Knows nothing of HTTP.
        .target(
            name: "SidecertVolume",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // A small HTTP/1.1 server whose answers depend on the request head alone (HTTP-01, admin endpoints).
        .target(
            name: "SidecertHTTPServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Challenge solvers (HTTP-01 and TLS-ALPN-01 from the volume, DNS-01) and the HTTP-01 and acme-tls/1 listeners.
        .target(
            name: "SidecertChallenges",
            dependencies: [
                "SidecertACME",
                "SidecertVolume",
                "SidecertHTTPServer",
                "SidecertDNS",
                "SidecertShell",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // YAML as people write configuration files (the certificates file), by hand with the standard
        // library alone: no Foundation, so the executable carries no ICU; fuzzed alone (Fuzz/YAML).
        .target(
            name: "SidecertYAML",
            swiftSettings: strictSettings
        ),
        // `/bin/sh -c` with a timeout and bounded output, for the reload and notify commands.
        .target(
            name: "SidecertShell",
            swiftSettings: strictSettings
        ),
        // The table of metrics Sidecert records (names and HELP texts), through swift-metrics, and the store
        // behind `/metrics`.
        .target(
            name: "SidecertMetrics",
            dependencies: [.product(name: "CoreMetrics", package: "swift-metrics")],
            swiftSettings: strictSettings
        ),
        // Frontend reloaders: a signal to a pidfile's process, a command, HAProxy's runtime API; debounced.
        .target(
            name: "SidecertReload",
            dependencies: [
                "SidecertShell",
                "SidecertMetrics",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // DNS by hand (no DNS package exists here): wire format, TSIG, UPDATE, a UDP/TCP client, zone and
        // server discovery, propagation checks. What a DNS-01 solver builds on; knows nothing of ACME.
        .target(
            name: "SidecertDNS",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The operations users run: ensure, import, status, renew, and the embedded issuer.
        .target(
            name: "Sidecert",
            dependencies: [
                "SidecertMetrics",
                "SidecertYAML",
                "SidecertACME",
                "SidecertVolume",
                "SidecertChallenges",
                "SidecertHTTPServer",
                "SidecertDNS",
                "SidecertShell",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // `sidecert run`: the renewal loop, following the volume, reloading the frontend, admin endpoints.
        .target(
            name: "SidecertDaemon",
            dependencies: [
                "Sidecert",
                "SidecertMetrics",
                "SidecertACME",
                "SidecertVolume",
                "SidecertReload",
                "SidecertShell",
                "SidecertHTTPServer",
                "SidecertChallenges",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The thin executable: parses the command line and wires the rest.
        .executableTarget(
            name: "SidecertCLI",
            dependencies: [
                "Sidecert",
                "SidecertACME",
                "SidecertVolume",
                "SidecertReload",
                "SidecertDaemon",
                "SidecertHTTPServer",
                "SidecertChallenges",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The harness more than one test target uses: real peers (Pebble, nginx, haproxy, DNS servers) started
        // per test, child processes, temporary folders and volumes, free ports, a manual clock.
        .target(
            name: "SidecertTestSupport",
            dependencies: [
                "SidecertDNS",
                "SidecertReload",
                "SidecertVolume",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SidecertTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SidecertACMETests",
            dependencies: ["SidecertACME"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SidecertVolumeTests",
            dependencies: ["SidecertVolume", "SidecertTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SidecertYAMLTests",
            dependencies: ["SidecertYAML"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SidecertMetricsTests",
            dependencies: ["SidecertMetrics", .product(name: "CoreMetrics", package: "swift-metrics")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SidecertShellTests",
            dependencies: ["SidecertShell"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SidecertCLITests",
            dependencies: ["SidecertCLI", "Sidecert", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SidecertDNSTests",
            dependencies: [
                "SidecertDNS", "SidecertTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Vectors/make-tsig-vectors.py"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SidecertChallengesTests",
            dependencies: [
                "SidecertChallenges", "SidecertACME", "SidecertVolume", "SidecertTestSupport",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SidecertReloadTests",
            dependencies: [
                "SidecertReload", "SidecertVolume", "SidecertTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SidecertDaemonTests",
            dependencies: [
                "SidecertDaemon", "Sidecert", "SidecertACME", "SidecertVolume", "SidecertChallenges", "SidecertReload",
                "SidecertHTTPServer", "SidecertTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Sidecert's own unit tests, and the tests that drive the `sidecert` executable against real peers.
        .testTarget(
            name: "SidecertTests",
            dependencies: [
                "Sidecert", "SidecertACME", "SidecertVolume", "SidecertChallenges", "SidecertHTTPServer", "SidecertDNS",
                "SidecertTestSupport",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            // The fault-injecting proxy in front of Pebble (MisbehavingCATests), run with python3.
            exclude: ["Support/acme-fault-proxy.py"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
