import Foundation
import SidecertTestSupport

/// A CA that misbehaves on cue: `acme-fault-proxy.py` (beside this file) in front of a real Pebble, injecting
/// the faults a test chooses into chosen requests, and logging every request that reaches it.
///
/// ```swift
/// let proxy = try await ACMEFaultProxy.start(in: pebble, faults: [
///     .init(.post, "^/order-plz$", nth: [1], .status(503, retryAfter: "120")),
/// ])
/// defer { proxy.stop() }
/// let result = try await SidecertProcess.run(["ensure", …] + proxy.sidecertFlags())
/// #expect(proxy.requestCount() == …)
/// ```
///
/// It terminates TLS with Pebble's own `localhost` certificate, so `--ca-bundle` trusts both, and passes the
/// Host header on unchanged: Pebble makes every URL it hands out from it, so the whole order goes through the
/// proxy. Faults are real bytes on a real socket (an RST, a body cut short, silence), not a scripted client.
final class ACMEFaultProxy: Sendable {
    /// One fault: which requests it hits and what they get instead of Pebble's answer.
    struct Fault: Encodable, Sendable {
        enum Method: String, Encodable, Sendable {
            case get = "GET"
            case head = "HEAD"
            case post = "POST"
        }

        /// What the client gets.
        enum Kind: Sendable {
            /// This HTTP status, with `Retry-After` and a problem document when given, else an empty body.
            case status(Int, retryAfter: String? = nil, problem: Problem? = nil)
            /// The connection is reset (RST), nothing answered.
            case reset
            /// The head promises more body than comes, then the connection closes.
            case truncate
            /// An HTML page where JSON was due: with 200, or with Pebble's own status and headers (its `Location`
            /// too) when Pebble handled the request.
            case garbage
            /// Nothing at all: the connection stays open and silent.
            case hang
            /// The head and half the body, then silence.
            case stall
        }

        /// A problem document (RFC 7807) to answer with.
        struct Problem: Encodable, Sendable {
            var type: String
            var detail: String
            var status: Int
        }

        var method: Method
        /// A regular expression searched in the request's path (Pebble's: `/dir`, `/nonce-plz`, `/sign-me-up`,
        /// `/order-plz`, `/my-order/…`, `/authZ/…`, `/chalZ/…`, `/finalize-order/…`, `/certZ/…`).
        var path: String
        /// Which of the requests the rule matches are hit, 1 being the first; nil: every one.
        var nth: [Int]?
        /// Whether Pebble handles the request before the fault replaces its answer (the CA acted, the answer
        /// was lost) or never sees it.
        var pebbleHandlesIt: Bool
        var kind: Kind

        init(_ method: Method, _ path: String, nth: [Int]? = nil, pebbleHandlesIt: Bool = false, _ kind: Kind) {
            self.method = method
            self.path = path
            self.nth = nth
            self.pebbleHandlesIt = pebbleHandlesIt
            self.kind = kind
        }

        private enum CodingKeys: String, CodingKey {
            case method, path, nth, when, fault, status, retryAfter, problem
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(method, forKey: .method)
            try container.encode(path, forKey: .path)
            try container.encodeIfPresent(nth, forKey: .nth)
            try container.encode(pebbleHandlesIt ? "after" : "before", forKey: .when)
            switch kind {
            case .status(let status, let retryAfter, let problem):
                try container.encode("status", forKey: .fault)
                try container.encode(status, forKey: .status)
                try container.encodeIfPresent(retryAfter, forKey: .retryAfter)
                try container.encodeIfPresent(problem, forKey: .problem)
            case .reset: try container.encode("reset", forKey: .fault)
            case .truncate: try container.encode("truncate", forKey: .fault)
            case .garbage: try container.encode("garbage", forKey: .fault)
            case .hang: try container.encode("hang", forKey: .fault)
            case .stall: try container.encode("stall", forKey: .fault)
            }
        }
    }

    /// One request the proxy received.
    struct Request: Decodable, Sendable {
        var seq: Int
        var method: String
        var path: String
        /// The fault it got, or nil when Pebble's answer went through.
        var fault: String?
    }

    /// The ACME directory through the proxy.
    let directoryURL: String
    /// The CA bundle that trusts the proxy and Pebble alike.
    let caBundlePath: String
    private let process: ChildProcess
    private let logPath: String
    private let directory: TemporaryVolume

    private init(directoryURL: String, caBundlePath: String, process: ChildProcess, logPath: String, directory: TemporaryVolume) {
        self.directoryURL = directoryURL
        self.caBundlePath = caBundlePath
        self.process = process
        self.logPath = logPath
        self.directory = directory
    }

    deinit {
        stop()
    }

    /// Starts the proxy in front of `pebble`'s ACME port with `faults` (the first matching rule decides) and
    /// returns once it listens.
    static func start(in pebble: PebbleEnvironment, faults: [Fault]) async throws -> ACMEFaultProxy {
        let directory = try TemporaryVolume(prefix: "acme-fault-proxy")
        let rulesPath = directory.path("rules.json")
        let portPath = directory.path("port")
        let logPath = directory.path("requests.jsonl")
        try JSONEncoder().encode(faults).write(to: URL(fileURLWithPath: rulesPath))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("acme-fault-proxy.py").path
        let process = try ChildProcess(
            "python3",
            [
                script, "--cert", pebble.directory + "/server.pem", "--key", pebble.directory + "/server.key",
                "--upstream-port", "\(pebble.acmePort)", "--upstream-ca", pebble.caBundlePath, "--rules", rulesPath,
                "--port-file", portPath, "--log", logPath,
            ],
            environment: ProcessInfo.processInfo.environment,
            standardOutput: .file(directory.path("proxy.log")),
            standardError: .file(directory.path("proxy.log"))
        )
        for _ in 0..<400 {
            if let text = try? String(contentsOfFile: portPath, encoding: .utf8), let port = Int(text) {
                return ACMEFaultProxy(
                    directoryURL: "https://localhost:\(port)/dir", caBundlePath: pebble.caBundlePath, process: process, logPath: logPath,
                    directory: directory)
            }
            if process.hasExited { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        process.terminate()
        let log = (try? String(contentsOfFile: directory.path("proxy.log"), encoding: .utf8)) ?? ""
        throw HarnessError("the ACME fault proxy did not start: \(log)")
    }

    /// `--directory` and `--ca-bundle` through the proxy, with `--agree-tos` and an email, as
    /// ``PebbleEnvironment/sidecertFlags(email:agreeToTerms:)`` gives them for Pebble itself.
    func sidecertFlags() -> [String] {
        ["--directory", directoryURL, "--ca-bundle", caBundlePath, "--agree-tos", "--email", "ops@example.com"]
    }

    /// Every request received so far, in order.
    func requests() -> [Request] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }

    /// How many requests reached the CA so far: what "contacting the CA" means for a replica.
    func requestCount() -> Int {
        requests().count
    }

    /// The requests that got a fault.
    func faulted() -> [Request] {
        requests().filter { $0.fault != nil }
    }

    /// Stops the proxy (its hanging connections close with it). Safe to call more than once.
    func stop() {
        process.terminate()
    }
}
