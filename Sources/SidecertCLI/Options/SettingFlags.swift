import ArgumentParser
import Sidecert

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A group of flags declared from the settings table (``Setting``): each flag's name, help, environment twin
/// and default come from there, and the group hands its values to ``Settings`` with their origin.
protocol SettingFlags: ParsableArguments {
    /// Adds the flags given on the command line to `layer`.
    func contribute(to layer: inout SettingLayer)
}

extension ArgumentHelp {
    /// The help of `setting`: its summary, environment twin and default, from the table.
    static func setting(_ setting: Setting) -> ArgumentHelp {
        ArgumentHelp(setting.helpText, valueName: setting.valueName, visibility: setting.isHidden ? .hidden : .default)
    }

    /// The help of `setting` as one command means it: `summary`, then the table's environment twin (no default).
    static func setting(_ setting: Setting, summary: String) -> ArgumentHelp {
        ArgumentHelp(setting.helpText(summary: summary, showingDefault: false), valueName: setting.valueName)
    }
}

extension NameSpecification {
    /// `--<name>` of `setting`.
    static func setting(_ setting: Setting) -> NameSpecification { .customLong(setting.name) }
}

extension Settings {
    /// The command line's settings: `groups`' flags over the process's environment.
    static func commandLine(_ groups: [any SettingFlags]) -> Settings {
        var flags = SettingLayer()
        for group in groups { group.contribute(to: &flags) }
        return .commandLine(flags: flags, environment: ProcessInfo.processInfo.environment)
    }
}
