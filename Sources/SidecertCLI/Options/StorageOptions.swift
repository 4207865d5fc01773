import ArgumentParser
import SidecertVolume

/// `--storage`: the shared volume.
struct StorageOptions: ParsableArguments {
    @Option(name: .customLong("storage"), help: ArgumentHelp("The shared volume. (env SIDECERT_STORAGE; default /certs)", valueName: "dir"))
    var storage: String?

    var layout: VolumeLayout {
        VolumeLayout(root: EnvironmentTwin.string(storage, "SIDECERT_STORAGE") ?? "/certs")
    }
}
