/// One `key: value` of a mapping. Keys are text only (YAML's complex keys are refused), so a key is a
/// string with its own line, which may differ from the value's (`key:` then an indented list).
public struct YAMLMappingEntry: Sendable {
    /// The key's text.
    public let key: String
    /// The line the key is on.
    public let keyLine: Int
    /// The value.
    public let value: YAMLNode

    init(key: String, keyLine: Int, value: YAMLNode) {
        self.key = key
        self.keyLine = keyLine
        self.value = value
    }
}
