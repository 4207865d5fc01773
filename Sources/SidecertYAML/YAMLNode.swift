/// One node of a YAML document: text, a list or a mapping, with the line it starts on so that whoever reads
/// the document can name the line in its own errors (`certificates.yaml:7: unknown key 'colour'`).
///
/// Scalars stay text: `true`, `1` and `null` are the words written, as `docker compose` passes environment
/// values on; the reader of a key decides what its text means.
public struct YAMLNode: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        /// Plain, single-quoted or double-quoted text, unescaped. A key with nothing after it holds "".
        case scalar(String)
        /// A block list (`- a`) or a flow list (`[a, b]`), in order.
        case sequence([YAMLNode])
        /// A block mapping (`key: value`) or a flow mapping (`{key: value}`), in the document's order, no key
        /// twice.
        case mapping([YAMLMappingEntry])
    }

    /// What the node holds.
    public let content: Content
    /// The line it starts on, from 1: a mapping's first key, a list's first `-` or its `[`.
    public let line: Int

    init(_ content: Content, line: Int) {
        self.content = content
        self.line = line
    }

    /// The text, when the node is a scalar.
    public var scalar: String? {
        guard case .scalar(let text) = content else { return nil }
        return text
    }

    /// The items, when the node is a list.
    public var sequence: [YAMLNode]? {
        guard case .sequence(let items) = content else { return nil }
        return items
    }

    /// The entries, when the node is a mapping.
    public var mapping: [YAMLMappingEntry]? {
        guard case .mapping(let entries) = content else { return nil }
        return entries
    }
}
