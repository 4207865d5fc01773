import AsyncHTTPClient
import Foundation
import NIOSSL
import Testing

@testable import SidecertACME

@Suite struct TransportConfigurationTests {
    /// The protocol layer names the file; the flag that gave it is the caller's to name (Sidecert's hint).
    @Test func missingCABundleNamesTheFile() {
        let error = #expect(throws: ACMEError.self) {
            try HTTPClient.Configuration.acme(caBundlePath: "/nonexistent/pebble.minica.pem")
        }
        #expect(error?.code == .invalidCABundle)
        #expect(error?.message.contains("/nonexistent/pebble.minica.pem") == true)
        #expect(error?.message.contains("--") == false, "no command-line flag at the ACME layer")
    }

    @Test func caBundleWithoutCertificatesIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID()).pem").path
        try "not a certificate\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let error = #expect(throws: ACMEError.self) {
            try HTTPClient.Configuration.acme(caBundlePath: path)
        }
        #expect(error?.code == .invalidCABundle)
    }

    @Test func noBundleMeansSystemRootsAndNoRedirects() throws {
        let configuration = try HTTPClient.Configuration.acme(caBundlePath: nil)
        #expect(configuration.tlsConfiguration?.additionalTrustRoots.isEmpty == true)
    }
}
