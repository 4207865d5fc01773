/// The certificate version a frontend is asked to pick up: enough for a reloader (and a reload
/// command, through its environment) to find the files without knowing the volume's layout.
public struct ReloadedCertificate: Sendable, Hashable, CustomStringConvertible {
    /// The certificate's name on the volume (`live/<name>`).
    public var name: String
    /// The live directory, `<volume>/live/<name>`: the stable path frontends are configured with.
    public var liveDirectory: String
    /// The version directory name `live/<name>` now points to, so logs say which one was loaded.
    public var version: String

    public init(name: String, liveDirectory: String, version: String) {
        self.name = name
        self.liveDirectory = liveDirectory
        self.version = version
    }

    /// `liveDirectory` + `/` + `file`, e.g. `bundle.pem`.
    public func path(_ file: String) -> String {
        liveDirectory.hasSuffix("/") ? liveDirectory + file : liveDirectory + "/" + file
    }

    public var description: String { "\(name) version \(version)" }
}
