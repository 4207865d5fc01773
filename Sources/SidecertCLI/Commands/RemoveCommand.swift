import ArgumentParser
import Sidecert

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `sidecert remove NAME`: stop keeping a certificate name on the volume (a name tried once and abandoned
/// keeps `status --check`, the image's health check, failing for the whole volume).
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Stop keeping a certificate name on the volume: its live link, ledger and lease.",
        discussion: """
            The archive (archive/<name>, every version issued) stays unless --delete-archive is given: a later \
            ensure for the same names makes its newest usable version live again instead of ordering. Refused \
            (exit 75) while a replica holds the name's lease, that is while it is issuing: stop the `sidecert run` \
            replicas that keep the name first, or they publish it again. Frontends keep serving what they loaded \
            until they reload; take the name out of their configuration too.
            """
    )

    @OptionGroup var storage: StorageOptions
    @OptionGroup var options: RemoveOptions
    @OptionGroup var logging: LoggingOptions

    @Argument(help: ArgumentHelp("The certificate's name under live/ (sidecert status lists them).", valueName: "name"))
    var name: String

    func run() async throws {
        let settings = Settings.commandLine([storage, options, logging])
        let logger = try settings.makeLogger()
        let process = try ProcessSettings(reading: settings)
        let layout = try settings.volumeLayout(mustExist: true)
        let removed = try await RemoveOperation(
            layout: layout, name: name, deleteArchive: try settings.bool(.deleteArchive), leaseDuration: process.leaseDuration, logger: logger
        ).run()
        print(removed.joined(separator: "\n"))
    }
}

/// `remove`'s own flag.
struct RemoveOptions: SettingFlags {
    @Flag(name: .setting(.deleteArchive), help: .setting(.deleteArchive))
    var deleteArchive = false

    static let fields: [SettingField<RemoveOptions>] = [
        .flag(.deleteArchive, \.deleteArchive)
    ]
}
