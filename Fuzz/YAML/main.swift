// libFuzzer target: the YAML reader behind `--certificates FILE` (Sources/SidecertYAML, compiled in with the
// tests' YAMLTree renderer; see `sources`). Build and run with `scripts/fuzz YAML SECONDS`.
//
// Besides "never traps": a refusal names a line of the input; every node's line is in the input and no
// node starts before its parent or its earlier sibling; and what reads, rendered in each style the
// round-trip tests use, reads back as the same tree.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = 1 + text.utf8.lazy.filter { $0 == UInt8(ascii: "\n") }.count
    let root: YAMLNode?
    do {
        root = try YAMLReader.read(text)
    } catch {
        guard (1...lines).contains(error.line) else { fatalError("refused at line \(error.line) of \(lines): \(error)") }
        return 0
    }
    guard let root else { return 0 }
    checkLines(root, from: 1, to: lines)
    let tree = YAMLTree(root)
    for style in YAMLRenderStyle.all {
        let yaml = tree.yaml(style)
        let again: YAMLTree?
        do {
            again = try YAMLReader.read(yaml).map(YAMLTree.init)
        } catch {
            fatalError("\(tree) rendered \(style) is refused: \(error)\n\(yaml)")
        }
        guard again == tree else {
            fatalError("\(tree) rendered \(style) reads back as \(again.map(String.init(describing:)) ?? "nothing")\n\(yaml)")
        }
    }
    return 0
}

/// Each node's line lies in `from...to`, and its children start at or after it, in order.
private func checkLines(_ node: YAMLNode, from first: Int, to last: Int) {
    guard (first...last).contains(node.line) else { fatalError("a node on line \(node.line), outside \(first)...\(last)") }
    var earliest = node.line
    switch node.content {
    case .scalar:
        break
    case .sequence(let items):
        for item in items {
            checkLines(item, from: earliest, to: last)
            earliest = item.line
        }
    case .mapping(let entries):
        for entry in entries {
            guard (earliest...last).contains(entry.keyLine) else { fatalError("a key on line \(entry.keyLine), before \(earliest)") }
            checkLines(entry.value, from: entry.keyLine, to: last)
            earliest = entry.value.line
        }
    }
}
