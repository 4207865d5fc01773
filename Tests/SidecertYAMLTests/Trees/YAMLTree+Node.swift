// The test module imports the reader; the fuzz target compiles the reader's sources into its own module.
#if canImport(SidecertYAML)
    import SidecertYAML
#endif

extension YAMLTree {
    /// The shape of what the reader read, lines left out.
    init(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let text): self = .text(text)
        case .sequence(let items): self = .list(items.map(YAMLTree.init))
        case .mapping(let entries): self = .map(entries.map { Entry(key: $0.key, value: YAMLTree($0.value)) })
        }
    }
}
