/// One configuration setting, as every source names it: the command line (`--wait`), the environment
/// (`SIDECERT_WAIT`) and the certificates file (`wait:`). The table of them (``Setting`` statics, in
/// `Setting+Catalog.swift`) is the single source of every flag's name, environment twin, default and help.
package struct Setting: Hashable, Sendable, CustomStringConvertible {
    /// How values are written.
    package enum Kind: Sendable {
        /// One value: `--wait 5m`.
        case value
        /// Repeatable on the command line, comma-separated in the environment, a list in the file.
        case list
        /// Present or absent on the command line; `true`/`false` in the environment and the file.
        case flag
    }

    /// What a setting configures.
    package enum Scope: Sendable {
        /// The whole process: the volume, listeners, how to reload, logging.
        case process
        /// One certificate: its names, key types, CA and challenge. A certificates file may set it per entry.
        case certificate
    }

    /// The long flag name without dashes: `wait`.
    package let name: String
    /// The environment twin, `SIDECERT_WAIT`; nil for the few flags that have none (`status --json`).
    package let environmentVariable: String?
    /// The key in the certificates file; nil when the file cannot set it.
    package let fileKey: String?
    package let kind: Kind
    package let scope: Scope
    /// What the value is, in the help: `duration`, `url`.
    package let valueName: String
    /// What it does, one or two sentences, without the environment twin and default (added by ``helpText``).
    package let summary: String
    /// The default, in words, when there is one worth showing.
    package let defaultText: String?
    /// Left out of `--help` (test and tuning knobs).
    package let isHidden: Bool

    init(
        _ name: String, kind: Kind = .value, scope: Scope, valueName: String = "value", environmentVariable: String? = "",
        fileKey: String? = "", default defaultText: String? = nil, hidden: Bool = false, _ summary: String
    ) {
        self.name = name
        self.kind = kind
        self.scope = scope
        self.valueName = valueName
        // "" means "the usual one": SIDECERT_ and the name in capitals; a certificate setting's own name in the file.
        self.environmentVariable =
            environmentVariable == "" ? "SIDECERT_" + name.uppercased().map { $0 == "-" ? "_" : $0 }.map(String.init).joined() : environmentVariable
        self.fileKey = fileKey == "" ? (scope == .certificate ? name : nil) : fileKey
        self.defaultText = defaultText
        self.isHidden = hidden
        self.summary = summary
    }

    /// `--wait`.
    package var flag: String { "--" + name }

    package var description: String { flag }

    /// The help line: the summary, then where else it can be set and its default.
    package var helpText: String { helpText(summary: summary) }

    /// The help line with another summary, for a command that gives the setting its own meaning
    /// (`status --domain` judges certificates against the names rather than asking for them), where the
    /// default may not apply.
    package func helpText(summary: String, showingDefault: Bool = true) -> String {
        var notes: [String] = []
        if let environmentVariable { notes.append("env \(environmentVariable)" + (kind == .list ? ", comma-separated" : "")) }
        if showingDefault, let defaultText { notes.append("default \(defaultText)") }
        return notes.isEmpty ? summary : "\(summary) (\(notes.joined(separator: "; ")))"
    }

    package static func == (lhs: Setting, rhs: Setting) -> Bool { lhs.name == rhs.name }
    package func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
