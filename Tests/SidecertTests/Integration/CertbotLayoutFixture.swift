import Foundation
import SidecertTestSupport

/// A certbot config directory laid out as certbot does it, from test certificates: the files in
/// `archive/<name>/…1.pem`, and `live/<name>/…pem` relative links to `../../archive/<name>/…1.pem`.
enum CertbotLayoutFixture {
    /// Writes `lineages` under `<folder>/config` and returns that config directory.
    static func write(_ lineages: [String: TestCertificate], in folder: String) throws -> String {
        let config = folder + "/config"
        let files = FileManager.default
        try files.createDirectory(atPath: config + "/live", withIntermediateDirectories: true)
        try "This directory contains your keys and certificates.\n".write(toFile: config + "/live/README", atomically: true, encoding: .utf8)
        for (name, certificate) in lineages {
            try files.createDirectory(atPath: "\(config)/archive/\(name)", withIntermediateDirectories: true)
            try files.createDirectory(atPath: "\(config)/live/\(name)", withIntermediateDirectories: true)
            let contents = [
                "cert": certificate.certificatePEM, "chain": "", "fullchain": certificate.certificatePEM, "privkey": certificate.keyPEM,
            ]
            for (file, text) in contents {
                try text.write(toFile: "\(config)/archive/\(name)/\(file)1.pem", atomically: true, encoding: .utf8)
                try files.createSymbolicLink(atPath: "\(config)/live/\(name)/\(file).pem", withDestinationPath: "../../archive/\(name)/\(file)1.pem")
            }
        }
        return config
    }
}
