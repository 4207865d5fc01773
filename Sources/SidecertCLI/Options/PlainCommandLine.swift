import Sidecert

/// A command line of plain flags read straight from the settings table, for the one path where
/// ArgumentParser's own cost shows: `ensure` with a usable certificate on the volume, an init container's
/// whole run. ArgumentParser builds its view of every option group by reflection, several times over, and
/// that was three quarters of the instructions of that run (docs/benchmarks.md).
///
/// It reads only what it reads exactly as ArgumentParser does, and gives up on anything else: help, an
/// unknown flag, a positional argument, a value that is empty or starts with `-`, a single-valued flag
/// given twice. ArgumentParser then reads the command line and says what is wrong with it, so every
/// message and exit code stays its own.
enum PlainCommandLine {
    /// The flags layer of `arguments` when each of them is, in full, one of `settings`: `--name value`,
    /// `--name=value`, or `--name` for a flag; nil otherwise.
    static func flags(_ arguments: some Sequence<String>, accepting settings: [Setting]) -> SettingLayer? {
        let byName = Dictionary(settings.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var given: [(setting: Setting, texts: [String])] = []
        var arguments = arguments.makeIterator()
        while let argument = arguments.next() {
            guard argument.hasPrefix("--") else { return nil }
            let (name, attached) = Self.split(argument.dropFirst(2))
            guard let setting = byName[name] else { return nil }
            let text: String
            switch setting.kind {
            case .flag:
                guard attached == nil else { return nil }
                text = "true"
            case .value, .list:
                guard let value = attached ?? arguments.next(), !value.isEmpty, !value.hasPrefix("-") else { return nil }
                text = value
            }
            if let index = given.firstIndex(where: { $0.setting == setting }) {
                guard setting.kind == .list else { return nil }
                given[index].texts.append(text)
            } else {
                given.append((setting, [text]))
            }
        }
        var layer = SettingLayer()
        for (setting, texts) in given {
            switch setting.kind {
            case .flag: layer.flag(setting, true)
            case .value: layer.flag(setting, texts[0])
            case .list: layer.flag(setting, texts)
            }
        }
        return layer
    }

    /// `name=value` split at its first `=`; a name alone has no attached value.
    private static func split(_ flag: Substring) -> (name: String, attached: String?) {
        guard let equals = flag.firstIndex(of: "=") else { return (String(flag), nil) }
        return (String(flag[..<equals]), String(flag[flag.index(after: equals)...]))
    }
}
