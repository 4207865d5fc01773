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
    /// Every flag of the group with the property ArgumentParser fills in for it, in the order declared.
    static var fields: [SettingField<Self>] { get }
}

extension SettingFlags {
    /// The settings the group's flags are.
    static var settings: [Setting] { fields.map(\.setting) }

    /// Adds the flags given on the command line to `layer`.
    func contribute(to layer: inout SettingLayer) {
        for field in Self.fields { field.contribute(from: self, to: &layer) }
    }
}

/// One flag of a ``SettingFlags`` group: the setting it is and the property that holds its value. The case
/// matches the property's type, and ``Setting/kind`` says the same (`SettingFieldTests`).
enum SettingField<Group>: Sendable {
    /// `--name value`, at most once.
    case value(Setting, any KeyPath<Group, String?> & Sendable)
    /// `--name value`, repeatable.
    case list(Setting, any KeyPath<Group, [String]> & Sendable)
    /// `--name`, present or not.
    case flag(Setting, any KeyPath<Group, Bool> & Sendable)
    /// A positional argument; `label` is how messages name it (`SOURCE`).
    case argument(Setting, any KeyPath<Group, String?> & Sendable, label: String)

    var setting: Setting {
        switch self {
        case .value(let setting, _), .list(let setting, _), .flag(let setting, _), .argument(let setting, _, _): setting
        }
    }

    func contribute(from group: Group, to layer: inout SettingLayer) {
        switch self {
        case .value(let setting, let property): layer.flag(setting, group[keyPath: property])
        case .list(let setting, let property): layer.flag(setting, group[keyPath: property])
        case .flag(let setting, let property): layer.flag(setting, group[keyPath: property])
        case .argument(let setting, let property, let label): layer.argument(setting, group[keyPath: property], label: label)
        }
    }
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
