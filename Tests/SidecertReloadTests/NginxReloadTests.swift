import Foundation
import SidecertReload
import SidecertTestSupport
import Testing

/// A real nginx serving HTTPS from `live/<name>/` picks up a new version when a reloader asks.
@Suite(.tags(.realPeers))
struct NginxReloadTests {
    @Test(.requiresNginx, .timeLimit(.minutes(2)))
    func signalAndCommandReloadsMakeNginxServeTheNewSerial() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let versions = LiveCertificateVersions(volume: volume, name: "x")
        let first = try versions.publish(version: "v1")
        let ports = try FreePort.allocate(2)
        let nginx = try await NginxFrontend.start(volume: volume.path, httpPort: ports[0], httpsPort: ports[1], certName: "x")
        defer { nginx.stop() }
        #expect(try LiveCertificateVersions.serial(ofPEM: try await nginx.servedCertificatePEM()) == first.serial)

        // SIGHUP to the master named in nginx's own pidfile.
        let second = try versions.publish(version: "v2")
        let signal = SignalReloader(signal: try ReloadSignal(parsing: "HUP"), pidFile: nginx.pidFilePath)
        try await signal.reload(certificate: second.certificate)
        let servedAfterSignal = try await LiveCertificateVersions.waitForSerial(second.serial) { try await nginx.servedCertificatePEM() }
        #expect(servedAfterSignal == second.serial, "nginx error log:\n\(nginx.errorLogTail())")

        // The same through a reload command, as an operator would write it.
        let third = try versions.publish(version: "v3")
        let command = CommandReloader(command: "kill -HUP \"$(cat '\(nginx.pidFilePath)')\"", timeout: .seconds(20))
        try await command.reload(certificate: third.certificate)
        let servedAfterCommand = try await LiveCertificateVersions.waitForSerial(third.serial) { try await nginx.servedCertificatePEM() }
        #expect(servedAfterCommand == third.serial, "nginx error log:\n\(nginx.errorLogTail())")

        // Reloads, not restarts: the master is the one that started.
        let pidInFile = try String(contentsOfFile: nginx.pidFilePath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(pidInFile == "\(nginx.masterPID)")
    }
}
