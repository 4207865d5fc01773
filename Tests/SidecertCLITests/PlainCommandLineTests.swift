import ArgumentParser
import Foundation
import Sidecert
import Testing

@testable import SidecertCLI

/// `ensure` read without ArgumentParser must mean what ArgumentParser reads, or be left to it.
struct PlainCommandLineTests {
    /// The flags ArgumentParser reads from `arguments`, or nil when it refuses them or reads another command.
    static func argumentParserFlags(_ arguments: [String]) -> SettingLayer? {
        let groups: [any SettingFlags]
        switch try? SidecertCommand.parseAsRoot(arguments) {
        case let ensure as EnsureCommand: groups = ensure.flags.groups
        case let renew as RenewCommand: groups = renew.flags.groups
        default: return nil
        }
        var layer = SettingLayer()
        for group in groups { group.contribute(to: &layer) }
        return layer
    }

    static func plainFlags(_ arguments: [String]) -> SettingLayer? {
        guard EnsureFlags.plainCommandLine(arguments[...]) != nil else { return nil }
        return PlainCommandLine.flags(arguments.dropFirst(), accepting: EnsureFlags.settings)
    }

    static func expectSameFlags(_ arguments: [String]) {
        let plain = plainFlags(arguments)
        let parsed = argumentParserFlags(arguments)
        #expect(plain != nil, "read without ArgumentParser: \(arguments)")
        #expect(parsed != nil, "ArgumentParser reads it too: \(arguments)")
        guard let plain, let parsed else { return }
        #expect(Set(plain.settings) == Set(parsed.settings), "\(arguments)")
        for setting in parsed.settings {
            #expect(plain[setting] == parsed[setting], "\(arguments): \(setting)")
        }
    }

    /// The flags ArgumentParser gives `command` (from its `--experimental-dump-help`), with the kind of
    /// value each takes: exactly the settings the plain reading accepts.
    @Test(arguments: [EnsureCommand.self, RenewCommand.self] as [any ParsableCommand.Type])
    func theSettingsAcceptedAreTheCommandsFlags(command: any ParsableCommand.Type) throws {
        let dump = try JSONDecoder().decode(HelpDump.self, from: Data(command._dumpHelp().utf8))
        var declared: [String: Setting.Kind] = [:]
        for argument in dump.command.arguments {
            let long = argument.names?.first { $0.kind == "long" }?.name
            guard let long, long != "help" else { continue }
            declared[long] = argument.kind == "flag" ? .flag : argument.isRepeating ? .list : .value
        }
        let accepted = Dictionary(uniqueKeysWithValues: EnsureFlags.settings.map { ($0.name, $0.kind) })
        #expect(declared == accepted)
        #expect(EnsureFlags.commandNames.contains(command.configuration.commandName ?? ""))
    }

    /// What `--experimental-dump-help` says of a command's arguments, as far as this needs it.
    struct HelpDump: Decodable {
        struct Command: Decodable { var arguments: [Argument] }
        struct Argument: Decodable {
            struct Name: Decodable { var kind: String, name: String }
            var kind: String
            var isRepeating: Bool
            var names: [Name]?
        }
        var command: Command
    }

    @Test func aWholeCommandLineIsReadAsArgumentParserReadsIt() {
        Self.expectSameFlags(["renew", "--force", "--domain=a.example", "--domain", "b.example", "--storage=/a=b", "--staging"])
        Self.expectSameFlags([
            "ensure", "--storage", "/certs", "--domain", "example.com", "--domain=www.example.com", "--directory",
            "https://127.0.0.1:14000/dir", "--ca-bundle", "/pebble.pem", "--agree-tos", "--email", "ops@example.com", "--key-type",
            "ecdsa-p256", "--key-type", "rsa-2048", "--wait=5m", "--force", "--log-level", "debug", "--challenge", "dns-01",
            "--dns-provider", "rfc2136",
        ])
    }

    /// What ArgumentParser must read (and explain, when wrong): the plain reading gives up on each.
    @Test(arguments: [
        ["ensure", "--help"], ["ensure", "-h"], ["ensure", "help"], ["ensure", "--version"], ["ensure", "--experimental-dump-help"],
        ["ensure", "--generate-completion-script", "bash"], ["ensure", "--storage"], ["ensure", "--storage", "--force"],
        ["ensure", "--storage", "-"], ["ensure", "--storage="], ["ensure", "--storage", ""], ["ensure", "--force=true"],
        ["ensure", "--storage", "/a", "--storage", "/b"], ["ensure", "--force", "--force"], ["ensure", "/certs"],
        ["ensure", "--", "--storage", "/certs"], ["ensure", "--unknown", "x"], ["ensure", "--admin-listen", "127.0.0.1:9000"],
        ["ensure", "-d", "example.com"], ["ensure", "---storage", "/certs"], ["ensure", "--Storage", "/certs"],
        ["--storage", "/certs", "ensure"], ["run", "--storage", "/certs"], ["status", "--storage", "/certs"], [],
    ])
    func anythingElseIsLeftToArgumentParser(arguments: [String]) {
        #expect(EnsureFlags.plainCommandLine(arguments[...]) == nil, "\(arguments)")
    }
}
