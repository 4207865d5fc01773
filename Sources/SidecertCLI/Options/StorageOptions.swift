import ArgumentParser
import Sidecert

/// `--storage`: the shared volume.
struct StorageOptions: SettingFlags {
    @Option(name: .setting(.storage), help: .setting(.storage))
    var storage: String?

    func contribute(to layer: inout SettingLayer) {
        layer.flag(.storage, storage)
    }
}
