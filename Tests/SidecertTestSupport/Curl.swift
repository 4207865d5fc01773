import Foundation

/// HTTP(S) requests from tests through the `curl` CLI: an independent client, and one that takes a
/// private trust root (`--cacert`) without any TLS code in the test target.
package enum Curl {
    /// What a request answered.
    package struct Response: Sendable, Equatable {
        /// The HTTP status code.
        package var status: Int
        package var body: String
    }

    /// GETs `url`, trusting `caBundle` (a PEM file) when given; any HTTP status is returned, a
    /// connection or TLS failure throws.
    package static func get(_ url: String, caBundle: String? = nil, timeout: Duration = .seconds(10)) async throws -> Response {
        let marker = "\n--sidecert-test-http-status:"
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        var arguments = ["--silent", "--show-error", "--max-time", String(format: "%.3f", seconds)]
        if let caBundle {
            arguments += ["--cacert", caBundle]
        }
        arguments += ["--write-out", "\(marker)%{http_code}", url]
        let output = try await ChildProcess.run("curl", arguments, timeout: timeout + .seconds(5))
        guard output.status == 0, let range = output.stdout.range(of: marker, options: .backwards) else {
            throw HarnessError("curl \(url) failed\n\(output.transcript)")
        }
        let status = Int(output.stdout[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return Response(status: status, body: String(output.stdout[..<range.lowerBound]))
    }
}
