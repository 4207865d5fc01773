/// The certificate version a frontend is asked to pick up: enough for a reloader (and a reload
/// command, through its environment) to find the files without knowing the volume's layout.
package struct ReloadedCertificate: Sendable, Hashable, CustomStringConvertible {
    /// The certificate's name on the volume (`live/<name>`).
    package var name: String
    /// The live directory, `<volume>/live/<name>`: the stable path frontends are configured with.
    package var liveDirectory: String
    /// The version directory name `live/<name>` now points to, so logs say which one was loaded.
    package var version: String

    package init(name: String, liveDirectory: String, version: String) {
        self.name = name
        self.liveDirectory = liveDirectory
        self.version = version
    }

    /// `liveDirectory` + `/` + `file`, e.g. `bundle.pem`.
    package func path(_ file: String) -> String {
        liveDirectory.hasSuffix("/") ? liveDirectory + file : liveDirectory + "/" + file
    }

    package var description: String { "\(name) version \(version)" }
}
