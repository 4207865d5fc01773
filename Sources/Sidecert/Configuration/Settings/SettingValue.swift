/// One setting's value as a source gave it, with where it came from.
public struct SettingValue: Sendable, Equatable {
    /// The text: one element for a single value or a flag (`"true"`), one per item for a list.
    public var texts: [String]
    public var origin: SettingOrigin

    public init(texts: [String], origin: SettingOrigin) {
        self.texts = texts
        self.origin = origin
    }

    /// The value of a single-valued setting.
    public var text: String { texts.first ?? "" }
}
