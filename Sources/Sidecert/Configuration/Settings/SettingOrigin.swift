/// Where a setting's value came from, so that an error names what the user has to change.
package enum SettingOrigin: Sendable, Equatable, CustomStringConvertible {
    /// The command line: `--wait`.
    case flag(String)
    /// The environment: `SIDECERT_WAIT`.
    case environment(String)
    /// The certificates file: its path, the line of the value, and the key.
    case file(path: String, line: Int, key: String)
    /// The built-in default.
    case builtIn(String)

    /// How messages quote a value from here: `--wait '5x'`, `SIDECERT_WAIT='5x'`, `certs.yaml:12: wait '5x'`.
    package func quoting(_ text: String) -> String {
        switch self {
        case .environment(let variable): "\(variable)='\(text)'"
        default: "\(self) '\(text)'"
        }
    }

    /// How messages name it: `--wait`, `SIDECERT_WAIT`, `certs.yaml:12: wait`.
    package var description: String {
        switch self {
        case .flag(let flag): flag
        case .environment(let variable): variable
        case .file(let path, let line, let key): "\(path):\(line): \(key)"
        case .builtIn(let flag): flag
        }
    }
}
