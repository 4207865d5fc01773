import SidecertShell

/// The configuration as the program sees it: layers of values stacked by precedence (the first that has a
/// value wins), read through typed getters whose errors name where a bad value came from — the flag, the
/// environment variable, or the file and line.
///
/// The command line stacks flags over the environment. A certificates file entry stacks itself, then the
/// file's `defaults`, over those: what an entry leaves out comes from the flags and the environment.
package struct Settings: Sendable {
    /// Highest precedence first.
    package var layers: [SettingLayer]

    package init(layers: [SettingLayer]) {
        self.layers = layers
    }

    /// Flags over the environment.
    package static func commandLine(flags: SettingLayer, environment: [String: String]) -> Settings {
        Settings(layers: [flags, .environment(environment)])
    }

    /// These settings with `layers` stacked on top (a certificates file entry and its defaults).
    package func overlaid(by layers: [SettingLayer]) -> Settings {
        Settings(layers: layers + self.layers)
    }

    /// The value the highest layer that has one gives.
    package func value(_ setting: Setting) -> SettingValue? {
        for layer in layers {
            if let value = layer[setting] { return value }
        }
        return nil
    }

    /// Where `setting`'s value comes from, or its flag when it has none: what a message names.
    package func origin(of setting: Setting) -> SettingOrigin {
        value(setting)?.origin ?? .builtIn(setting.flag)
    }

    /// A single value's text, trimmed; nil when unset.
    package func string(_ setting: Setting) -> String? {
        value(setting).map { $0.text.trimmingWhitespace() }
    }

    /// A list's items: every value, comma-separated ones split, trimmed, empty ones dropped.
    package func list(_ setting: Setting) -> [String] {
        (value(setting)?.texts ?? []).flatMap { $0.split(separator: ",") }.map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// A flag: set on the command line, or `1`/`true`/`yes`/`on` (`0`/`false`/`no`/`off`) elsewhere.
    package func bool(_ setting: Setting) throws(SidecertError) -> Bool {
        guard let value = value(setting) else { return false }
        switch value.text.trimmingWhitespace().lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw .badInput("\(value.origin.quoting(value.text)) is not a boolean", hint: "use true or false")
        }
    }

    /// A duration (`90s`, `5m`, `1h30m`, `500ms`), or `defaultValue` when unset.
    package func duration(_ setting: Setting, default defaultValue: Duration) throws(SidecertError) -> Duration {
        guard let value = value(setting) else { return defaultValue }
        return try DurationText.parse(value.text, source: value.origin)
    }

    /// A value `parse` understands; nil when unset. When `parse` returns nil, the error says the value is not
    /// `expected` (`"a log level"`) and gives `hint`.
    package func parsed<Value>(_ setting: Setting, as expected: String, hint: String? = nil, _ parse: (String) -> Value?) throws(SidecertError)
        -> Value?
    {
        guard let value = value(setting) else { return nil }
        let text = value.text.trimmingWhitespace()
        guard let parsed = parse(text) else {
            throw .badInput("\(value.origin.quoting(text)) is not \(expected)", hint: hint)
        }
        return parsed
    }
}
