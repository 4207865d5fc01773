import Foundation
import Testing

@testable import Sidecert

/// The settings table is the single source of the flags: every setting a command takes is on its command
/// line, with its environment twin in the help.
struct SettingsTableTests {
    /// The settings each command must take, from the table.
    static let expected: [(command: String, settings: [Setting])] = [
        (
            "ensure",
            Setting.all.filter { $0.scope == .certificate } + [
                .storage, .certificates, .wait, .force, .maxOrdersPerHour, .logFormat, .logLevel, .httpListen,
            ]
        ),
        (
            "run",
            Setting.all.filter { $0.scope == .certificate }
                + [
                    .storage, .certificates, .wait, .maxOrdersPerHour, .logFormat, .logLevel, .httpListen, .adminListen, .reloadSignal,
                    .reloadPIDFile,
                    .reloadCommand, .reloadHAProxySocket, .bootstrapSelfSigned, .httpProbe, .notifyCommand, .watchInterval,
                ]
        ),
        ("status", [.storage, .certificates, .certName, .domain, .requiredUsage, .keyType, .json, .check]),
        ("remove", [.storage, .deleteArchive, .logFormat, .logLevel]),
    ]

    @Test("every setting of the table is a flag of the commands that take it", arguments: 0..<expected.count)
    func everySettingIsAFlag(index: Int) async throws {
        let (command, settings) = Self.expected[index]
        let help = try await SidecertProcess.run([command, "--help"], timeout: .seconds(30))
        #expect(help.status == 0)
        for setting in settings where !setting.isHidden {
            #expect(
                help.stdout.contains("--\(setting.name) ") || help.stdout.contains("--\(setting.name)\n"), "\(command) --help lacks --\(setting.name)"
            )
            if let variable = setting.environmentVariable {
                #expect(help.stdout.contains(variable), "\(command) --help does not name \(variable)")
            }
        }
    }

    @Test func runDoesNotOfferForce() async throws {
        let help = try await SidecertProcess.run(["run", "--help"], timeout: .seconds(30))
        #expect(!help.stdout.contains("--force"))
    }
}
