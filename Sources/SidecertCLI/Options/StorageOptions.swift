import ArgumentParser
import Sidecert

/// `--storage`: the shared volume.
struct StorageOptions: SettingFlags {
    @Option(name: .setting(.storage), help: .setting(.storage))
    var storage: String?

    static let fields: [SettingField<StorageOptions>] = [
        .value(.storage, \.storage)
    ]
}
