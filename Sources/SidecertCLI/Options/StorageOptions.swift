import ArgumentParser
import Foundation
import Sidecert
import SidecertVolume

/// `--storage`: the shared volume.
struct StorageOptions: ParsableArguments {
    @Option(name: .customLong("storage"), help: ArgumentHelp("The shared volume. (env SIDECERT_STORAGE; default /certs)", valueName: "dir"))
    var storage: String?

    /// The volume's layout; a path that exists but is not a directory is refused (exit 2).
    var layout: VolumeLayout {
        get throws(SidecertError) {
            let root = EnvironmentTwin.string(storage, "SIDECERT_STORAGE") ?? "/certs"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw .badInput("--storage \(root) is not a directory", hint: "give the shared volume's mount point")
            }
            return VolumeLayout(root: root)
        }
    }
}
