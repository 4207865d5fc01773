import SidecertShell

/// The values one source gives: the command line, the environment, a certificates file entry or its
/// `defaults`. ``Settings`` stacks layers by precedence.
package struct SettingLayer: Sendable {
    private var values: [Setting: SettingValue] = [:]

    package init() {}

    /// The value `setting` has in this layer.
    package subscript(_ setting: Setting) -> SettingValue? {
        get { values[setting] }
        set { values[setting] = newValue }
    }

    /// Every setting this layer gives a value for.
    package var settings: [Setting] { Array(values.keys) }

    // MARK: - The command line

    /// A flag's value, when given.
    package mutating func flag(_ setting: Setting, _ value: String?) {
        guard let value else { return }
        values[setting] = SettingValue(texts: [value], origin: .flag(setting.flag))
    }

    /// A repeatable flag's values, when any were given.
    package mutating func flag(_ setting: Setting, _ list: [String]) {
        guard !list.isEmpty else { return }
        values[setting] = SettingValue(texts: list, origin: .flag(setting.flag))
    }

    /// A positional argument's value, when given; `label` is how messages name it (`SOURCE`).
    package mutating func argument(_ setting: Setting, _ value: String?, label: String) {
        guard let value else { return }
        values[setting] = SettingValue(texts: [value], origin: .flag(label))
    }

    /// A boolean flag, when set: an unset flag leaves the environment its say.
    package mutating func flag(_ setting: Setting, _ isSet: Bool) {
        guard isSet else { return }
        values[setting] = SettingValue(texts: ["true"], origin: .flag(setting.flag))
    }

    // MARK: - The environment

    /// The environment twins of `settings` found in `environment`; empty values count as unset.
    package static func environment(_ environment: [String: String], settings: [Setting] = Setting.all) -> SettingLayer {
        var layer = SettingLayer()
        for setting in settings {
            guard let variable = setting.environmentVariable, let text = environment[variable], !text.isEmpty else { continue }
            let texts =
                setting.kind == .list
                ? text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty } : [text]
            layer[setting] = SettingValue(texts: texts, origin: .environment(variable))
        }
        return layer
    }
}
