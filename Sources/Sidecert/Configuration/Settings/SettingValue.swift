/// One setting's value as a source gave it, with where it came from.
package struct SettingValue: Sendable, Equatable {
    /// The text: one element for a single value or a flag (`"true"`), one per item for a list.
    package var texts: [String]
    package var origin: SettingOrigin

    package init(texts: [String], origin: SettingOrigin) {
        self.texts = texts
        self.origin = origin
    }

    /// The value of a single-valued setting.
    package var text: String { texts.first ?? "" }
}
