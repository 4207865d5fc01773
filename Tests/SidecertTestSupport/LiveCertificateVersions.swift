import Foundation
import SidecertReload
import SwiftASN1
import X509

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Publishes certificate versions on a test volume the way Sidecert lays them out —
/// `archive/<name>/<version>/{fullchain,privkey,bundle}.pem` and `live/<name>` as a relative symlink
/// swapped by rename — so that a frontend configured with `live/<name>/` sees a new version land.
package struct LiveCertificateVersions {
    package let volume: TemporaryVolume
    package let name: String

    package init(volume: TemporaryVolume, name: String) {
        self.volume = volume
        self.name = name
    }

    /// The stable directory frontends are configured with.
    package var liveDirectory: String { volume.path("live/\(name)") }

    /// Writes a new self-signed version for `serverNames` (`x.localhost` and `localhost` unless told) and
    /// points `live/<name>` at it; returns what a reloader is told and the new certificate's serial number.
    package func publish(
        version: String, serverNames: [String] = ["x.localhost", "localhost"]
    ) throws -> (certificate: ReloadedCertificate, serial: Certificate.SerialNumber) {
        let made = try TestCertificate.make(names: serverNames)
        let directory = volume.path("archive/\(name)/\(version)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try made.certificatePEM.write(toFile: directory + "/fullchain.pem", atomically: true, encoding: .utf8)
        try made.keyPEM.write(toFile: directory + "/privkey.pem", atomically: true, encoding: .utf8)
        try (made.keyPEM + "\n" + made.certificatePEM).write(toFile: directory + "/bundle.pem", atomically: true, encoding: .utf8)

        try FileManager.default.createDirectory(atPath: volume.path("live"), withIntermediateDirectories: true)
        let temporaryLink = volume.path("live/.\(name).\(version).tmp")
        try FileManager.default.createSymbolicLink(atPath: temporaryLink, withDestinationPath: "../archive/\(name)/\(version)")
        guard rename(temporaryLink, liveDirectory) == 0 else {
            throw HarnessError("rename \(temporaryLink) -> \(liveDirectory) failed: errno \(errno)")
        }
        let serial = try Certificate(pemEncoded: made.certificatePEM).serialNumber
        return (ReloadedCertificate(name: name, liveDirectory: liveDirectory, version: version), serial)
    }

    /// The serial number of a served PEM certificate.
    package static func serial(ofPEM pem: String) throws -> Certificate.SerialNumber {
        try Certificate(pemEncoded: pem).serialNumber
    }

    /// Polls `served()` until it returns a certificate with `serial` (frontends swap asynchronously);
    /// returns the last serial seen.
    package static func waitForSerial(
        _ serial: Certificate.SerialNumber,
        timeout: Duration = .seconds(15),
        served: () async throws -> String
    ) async throws -> Certificate.SerialNumber {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var last = try Self.serial(ofPEM: try await served())
        while last != serial, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            last = try Self.serial(ofPEM: try await served())
        }
        return last
    }
}
