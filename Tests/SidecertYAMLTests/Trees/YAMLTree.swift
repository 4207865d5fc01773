/// A YAML document's shape without its lines: what a test expects a document to read as, and what the
/// round-trip tests and the fuzz target (Fuzz/YAML, which compiles this folder) render and read back.
indirect enum YAMLTree: Equatable, Sendable, CustomStringConvertible {
    case text(String)
    case list([YAMLTree])
    case map([Entry])

    /// One `key: value`, in the document's order.
    struct Entry: Equatable, Sendable {
        var key: String
        var value: YAMLTree
    }

    /// The tree on one line, every text double-quoted, for failure messages.
    var description: String { flow(quoting: .alwaysDouble) }
}

extension YAMLTree: ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(stringLiteral text: String) {
        self = .text(text)
    }

    init(arrayLiteral items: YAMLTree...) {
        self = .list(items)
    }

    /// In the literal's order (a dictionary literal keeps it; a Dictionary would not).
    init(dictionaryLiteral entries: (String, YAMLTree)...) {
        self = .map(entries.map { Entry(key: $0.0, value: $0.1) })
    }
}
