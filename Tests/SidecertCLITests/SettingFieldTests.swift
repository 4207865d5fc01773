import Sidecert
import Testing

@testable import SidecertCLI

/// A group's fields say what its properties are; the settings table says what the flags are. They must agree,
/// or a list would be read as one value, a flag as a value (and the plain command line would read them so).
struct SettingFieldTests {
    static let groups: [any SettingFlags.Type] = [
        StorageOptions.self, CertificateOptions.self, IssuanceOptions.self, ForceOption.self, DNSChallengeOptions.self,
        LoggingOptions.self, DaemonOptions.self, ImportSourceOptions.self, RemoveOptions.self, StatusSelection.self,
    ]

    @Test(arguments: groups.indices)
    func eachFieldIsOfItsSettingsKind(index: Int) {
        let group = Self.groups[index]
        for (setting, kind) in group.fieldKinds {
            #expect(kind == setting.kind, "\(group).\(setting): the field is a \(kind), the table says \(setting.kind)")
        }
        #expect(Set(group.settings).count == group.settings.count, "\(group) names a setting twice")
    }
}

extension SettingFlags {
    /// Each field's setting and the kind of value its property holds.
    static var fieldKinds: [(Setting, Setting.Kind)] {
        fields.map { field in
            switch field {
            case .value(let setting, _), .argument(let setting, _, _): (setting, .value)
            case .list(let setting, _): (setting, .list)
            case .flag(let setting, _): (setting, .flag)
            }
        }
    }
}
