import Foundation
import SidecertHTTPServer
import SidecertTestSupport
import Testing

@Suite("Bad input: exit 2, a message naming the problem, nothing written")
struct BadInputTests {
    /// Each case: the arguments after `ensure --storage DIR`, and a phrase the message must contain.
    static let cases: [(arguments: [String], expected: String)] = [
        (["--domain", "a..example.com", "--directory", "internal"], "--domain"),
        (["--domain", "exa mple.com", "--directory", "internal"], "--domain"),
        (["--domain", "*.*.example.com", "--directory", "internal"], "wildcard"),
        (["--directory", "internal"], "--domain"),
        (["--domain", "ok.example", "--key-type", "dsa-1024", "--directory", "internal"], "--key-type"),
        (["--domain", "ok.example", "--key-type", "ed25519", "--directory", "internal"], "--key-type"),
        (["--domain", "ok.example", "--challenge", "carrier-pigeon", "--directory", "https://127.0.0.1:9/dir"], "--challenge"),
        (["--domain", "*.example.com", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"], "DNS-01"),
        (["--domain", "ok.example", "--email", "not-an-email", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"], "--email"),
        (["--domain", "ok.example", "--email", "a@b@c.example", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"], "--email"),
        (["--domain", "ok.example", "--directory", "https://127.0.0.1:9/dir"], "--agree-tos"),
        ((0...100).flatMap { ["--domain", "n\($0).example.com"] } + ["--directory", "internal"], "at most 100"),
        (["--domain", "ok.example", "--frobnicate"], "--frobnicate"),
        (["--domain", "ok.example", "--wait", "soon", "--directory", "internal"], "--wait"),
        (["--domain", "ok.example", "--directory", "ftp://ca.example/dir"], "--directory"),
        (["--domain", "ok.example", "--directory", "http://ca.example/dir", "--agree-tos"], "https"),
        (["--domain", "ok.example", "--directory", "http://10.0.0.1:14000/dir", "--agree-tos"], "https"),
        (["--domain", "ok.example", "--directory", "https:///dir", "--agree-tos"], "--directory"),
        (["--domain", "xn--zz.example.com", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"], "punycode"),
        (["--domain", "1.2.3.4.5", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"], "all digits"),
        (["--domain", "ab--cd.example.com", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"], "reserved"),
        (["--domain", "a.b.c.d.e.f.g.h.i.j.example.com", "--staging", "--agree-tos"], "more than 10"),
        (["--domain", "intranet", "--staging", "--agree-tos"], "no dot"),
        (["--domain", "ok.example", "--cert-name", "../escape", "--directory", "internal"], "--cert-name"),
        (["--domain", "ok.example", "--http-listen", "nowhere", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"], "--http-listen"),
        (["--domain", "ok.example", "--log-format", "xml", "--directory", "internal"], "--log-format"),
        (["--domain", "ok.example", "--eab-kid", "kid-1", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"], "--eab"),
        (["--domain", "ok.example", "--ca-bundle", "/nonexistent/ca.pem", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"], "--ca-bundle"),
        (["--domain", "ok.example", "--required-usage", "codeSigning", "--directory", "internal"], "--required-usage"),
        (["--domain", "ok.example", "--staging", "--directory", "https://127.0.0.1:9/dir"], "--staging"),
        (["--domain", "ok.example\u{7}evil", "--directory", "internal"], "--domain"),
        (["--domain", "ok.example", "--cert-name", "", "--directory", "internal"], "--cert-name"),
        (["--domain", "ok.example", "--lease-duration", "0s", "--directory", "internal"], "--lease-duration"),
        (
            ["--domain", "*.example.com", "--challenge", "tls-alpn-01", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"],
            "--challenge 'tls-alpn-01'"
        ),
        (
            [
                "--domain", "ok.example", "--challenge", "tls-alpn-01", "--tls-alpn-listen", "nowhere", "--directory", "https://127.0.0.1:9/dir",
                "--agree-tos",
            ],
            "--tls-alpn-listen"
        ),
        (
            [
                "--domain", "ok.example", "--challenge", "tls-alpn-01", "--tls-alpn-listen", "127.0.0.1:70000", "--directory",
                "https://127.0.0.1:9/dir",
            ],
            "--tls-alpn-listen"
        ),
    ]

    @Test("ensure refuses bad input", arguments: 0..<cases.count)
    func ensureRefuses(index: Int) async throws {
        try await expectRefusal("ensure", Self.cases[index])
    }

    /// `sidecert <command> --storage <empty volume> <arguments>` exits 2, names `expected`, writes nothing.
    private func expectRefusal(_ command: String, _ refusal: (arguments: [String], expected: String)) async throws {
        let (arguments, expected) = refusal
        let volume = try TemporaryVolume()
        let before = try volume.snapshot()
        let result = try await SidecertProcess.run([command, "--storage", volume.path] + arguments, timeout: .seconds(30))
        #expect(result.status == 2, "\(arguments) → \(result.status): \(result.stderr)")
        #expect(result.stderr.contains(expected), "\(arguments): the message should name \(expected): \(result.stderr)")
        #expect(try volume.snapshot() == before, "\(arguments) wrote to the volume")
    }

    /// `run`'s own flags, and `run` validating like `ensure`: each case's arguments after `run --storage DIR`.
    static let runCases: [(arguments: [String], expected: String)] = [
        (["--domain", "ok.localhost", "--reload-signal", "KILL", "--reload-pidfile", "/run/nginx.pid"], "--reload-signal"),
        (["--domain", "ok.localhost", "--reload-signal", "HUP"], "--reload-pidfile"),
        (["--domain", "ok.localhost", "--reload-pidfile", "/run/nginx.pid", "--reload-command", "true"], "only one"),
        (["--domain", "ok.localhost", "--admin-listen", "localhost"], "--admin-listen"),
        (["--domain", "ok.localhost", "--admin-listen", "127.0.0.1:99999"], "--admin-listen"),
        (["--domain", "ok.localhost", "--watch-interval", "0s"], "--watch-interval"),
        (["--domain", "ok.localhost", "--force"], "--force"),
        (["--domain", "ok.localhost", "--watch-interval", "often"], "--watch-interval"),
        (["--domain", "ok.localhost", "--bootstrap-self-signed", "--frobnicate"], "--frobnicate"),
        (["--domain", "a..example.com", "--bootstrap-self-signed"], "--domain"),
        (["--domain", "ok.example", "--directory", "https://127.0.0.1:9/dir"], "--agree-tos"),
        (["--domain", "ok.example", "--directory", "https://127.0.0.1:9/dir", "--bootstrap-self-signed"], "--agree-tos"),
        (["--domain", "ok.localhost", "--tls-alpn-listen", "localhost"], "--tls-alpn-listen"),
        (["--domain", "ok.localhost", "--tls-alpn-listen", "127.0.0.1:99999"], "--tls-alpn-listen"),
        (["--domain", "*.example.com", "--challenge", "tls-alpn-01", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"], "--challenge"),
        (
            ["--domain", "ok.localhost", "--http-probe", "https://127.0.0.1/"],
            "--http-probe 'https://127.0.0.1/' is not the frontend's port-80 address"
        ),
        (["--domain", "ok.localhost", "--http-probe", "http://127.0.0.1/.well-known/x"], "--http-probe"),
        (["--domain", "ok.localhost", "--frontend-wait", "soon"], "--frontend-wait"),
    ]

    @Test("run refuses bad input before doing anything", arguments: 0..<runCases.count)
    func runRefuses(index: Int) async throws {
        try await expectRefusal("run", Self.runCases[index])
    }

    /// Each case: the command and the flag, followed by the taken `HOST:PORT`, then the rest of the arguments.
    static let takenAddressCases: [(command: String, flag: String, rest: [String])] = [
        (
            "ensure", "--tls-alpn-listen",
            ["--domain", "ok.example", "--challenge", "tls-alpn-01", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"]
        ),
        ("ensure", "--http-listen", ["--domain", "ok.example", "--directory", "https://127.0.0.1:9/dir", "--agree-tos"]),
        ("run", "--tls-alpn-listen", ["--domain", "ok.localhost"]),
        ("run", "--http-listen", ["--domain", "ok.localhost"]),
    ]

    @Test("a listen address another process holds: exit 2 naming the flag, before anything is written", arguments: 0..<takenAddressCases.count)
    func takenListenAddress(index: Int) async throws {
        let (command, flag, rest) = Self.takenAddressCases[index]
        let holder = try await PlainHTTPServer.bind(host: "127.0.0.1", port: 0) { _ in .notFound }
        do {
            let port = try #require(holder.localPort)
            try await expectRefusal(command, ([flag, "127.0.0.1:\(port)"] + rest, "\(flag) 127.0.0.1:\(port) cannot be bound"))
        } catch {
            await holder.close()
            throw error
        }
        await holder.close()
    }

    @Test(
        "remove refuses a name that is none, or that nothing is kept under, writing nothing",
        arguments: [
            (["../x"], "cannot be a certificate name"), (["nothing.example"], "nothing is kept under 'nothing.example'"),
        ])
    func removeRefuses(arguments: [String], expected: String) async throws {
        try await expectRefusal("remove", (arguments, expected))
    }

    @Test("--storage that is a file, not a directory, is refused")
    func storageIsAFile() async throws {
        let volume = try TemporaryVolume()
        let file = volume.path("not-a-directory")
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await SidecertProcess.run(["ensure", "--storage", file, "--domain", "ok.localhost"], timeout: .seconds(30))
        #expect(result.status == 2)
        #expect(result.stderr.contains("--storage"))
    }

    @Test("environment twins are checked like flags")
    func environmentTwins() async throws {
        let volume = try TemporaryVolume()
        let result = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--directory", "internal"],
            environment: ["SIDECERT_DOMAINS": "good.example,bad..example"], timeout: .seconds(30))
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad..example"))
        let flagWins = try await SidecertProcess.run(
            ["ensure", "--storage", volume.path, "--directory", "internal", "--domain", "flag.localhost"],
            environment: ["SIDECERT_DOMAINS": "bad..example"], timeout: .seconds(30))
        #expect(flagWins.status == 0, "the flag wins over the environment: \(flagWins.stderr)")
    }
}
