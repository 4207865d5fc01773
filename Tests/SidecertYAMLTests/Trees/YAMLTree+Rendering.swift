/// YAML text for a tree, in the styles people write (block or flow, 2 to 4 spaces, lists at or under their
/// key, quoted only when needed or always, comments, CRLF), so that a test can check that every style reads
/// back as the same tree.
struct YAMLRenderStyle: Sendable, CustomStringConvertible {
    enum Quoting: Sendable {
        /// Plain when that reads back the same, else single quotes when they can hold the text, else double.
        case plainElseSingle
        /// Plain when that reads back the same, else double quotes.
        case plainElseDouble
        /// Double quotes always (JSON-like).
        case alwaysDouble
    }

    enum Layout: Sendable {
        /// Indented `key: value` and `- item` lines.
        case block
        /// `[a, b]` and `{a: b}` on one line.
        case flow
        /// `[` and `{` with one entry per line, trailing commas and comments.
        case flowOverLines
    }

    var layout: Layout
    var quoting: Quoting
    /// Spaces per level of a block.
    var indent = 2
    /// A block list under a key indented deeper (`key:` / `  - a`) rather than at the key's column.
    var listsUnderKeys = true
    /// A nested block collection starts on its `-` line (`- - a`, `- key: v`) rather than below it.
    var compactEntries = true
    /// Collections of text alone are written `[a, b]` and `{a: b}` inside a block.
    var flowLeaves = false
    /// An empty text value of a key is written as nothing after `key:`.
    var emptyAsNothing = false
    /// A byte order mark, `---` and `...`, comments and blank lines between the lines.
    var decorated = false
    var lineEnd = "\n"

    /// The styles the round-trip tests and the fuzz target render in.
    static let all: [YAMLRenderStyle] = [
        YAMLRenderStyle(layout: .block, quoting: .plainElseSingle),
        YAMLRenderStyle(
            layout: .block, quoting: .plainElseDouble, indent: 4, listsUnderKeys: false, compactEntries: false, emptyAsNothing: true,
            decorated: true, lineEnd: "\r\n"),
        YAMLRenderStyle(layout: .block, quoting: .plainElseSingle, indent: 3, flowLeaves: true, decorated: true),
        YAMLRenderStyle(layout: .flow, quoting: .alwaysDouble),
        YAMLRenderStyle(layout: .flowOverLines, quoting: .plainElseSingle, decorated: true),
    ]

    var description: String {
        "\(layout) \(quoting) indent \(indent)\(listsUnderKeys ? "" : " lists-at-key")\(compactEntries ? "" : " loose")"
            + "\(flowLeaves ? " flow-leaves" : "")\(emptyAsNothing ? " empty-as-nothing" : "")\(decorated ? " decorated" : "")"
    }
}

extension YAMLTree {
    /// The whole document in `style`.
    func yaml(_ style: YAMLRenderStyle) -> String {
        var lines: [String]
        switch style.layout {
        case .block: lines = blockLines(style, indent: 0)
        case .flow: lines = [flow(quoting: style.quoting)]
        case .flowOverLines: lines = flowLines(style, indent: 0)
        }
        if style.decorated {
            lines = lines.enumerated().flatMap { number, line in
                switch number % 4 {
                case 1: [line + "   # a comment after it"]
                case 2: [line, "", "  # a comment line"]
                default: [line]
                }
            }
            lines = ["# a document", "---"] + lines + ["...", "# after the end"]
        }
        return (style.decorated ? "\u{FEFF}" : "") + lines.map { $0 + style.lineEnd }.joined()
    }

    /// The tree on one line, `[a, b]` and `{a: b}`.
    func flow(quoting: YAMLRenderStyle.Quoting) -> String {
        switch self {
        case .text(let text): Self.scalar(text, inFlow: true, quoting)
        case .list(let items): "[" + items.map { $0.flow(quoting: quoting) }.joined(separator: ", ") + "]"
        case .map(let entries):
            "{" + entries.map { Self.scalar($0.key, inFlow: true, quoting) + ": " + $0.value.flow(quoting: quoting) }.joined(separator: ", ")
                + "}"
        }
    }

    /// Whether the tree is written on its key's or its `-`'s line in `style`.
    private func isInline(_ style: YAMLRenderStyle) -> Bool {
        switch self {
        case .text: true
        case .list(let items): items.isEmpty || (style.flowLeaves && items.allSatisfy(\.isText))
        case .map(let entries): entries.isEmpty || (style.flowLeaves && entries.allSatisfy(\.value.isText))
        }
    }

    private var isText: Bool {
        if case .text = self { return true }
        return false
    }

    private func blockLines(_ style: YAMLRenderStyle, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        if isInline(style) { return [pad + flow(quoting: style.quoting)] }
        switch self {
        case .text:
            return []
        case .list(let items):
            return items.flatMap { item -> [String] in
                if item.isInline(style) { return [pad + "- " + item.flow(quoting: style.quoting)] }
                if style.compactEntries {
                    var lines = item.blockLines(style, indent: indent + 2)
                    lines[0] = pad + "- " + lines[0].droppingIndentation(indent + 2)
                    return lines
                }
                return [pad + "-"] + item.blockLines(style, indent: indent + style.indent)
            }
        case .map(let entries):
            return entries.flatMap { entry -> [String] in
                let key = pad + Self.scalar(entry.key, inFlow: false, style.quoting) + ":"
                if style.emptyAsNothing, entry.value == .text("") { return [key] }
                if entry.value.isInline(style) { return [key + " " + entry.value.flow(quoting: style.quoting)] }
                if case .list = entry.value, !style.listsUnderKeys { return [key] + entry.value.blockLines(style, indent: indent) }
                return [key] + entry.value.blockLines(style, indent: indent + style.indent)
            }
        }
    }

    /// Flow collections with one entry per line, each followed by a comma, closed at the opener's indentation.
    private func flowLines(_ style: YAMLRenderStyle, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .text(let text):
            return [pad + Self.scalar(text, inFlow: true, style.quoting)]
        case .list(let items):
            return [pad + "["] + items.flatMap { $0.flowLines(style, indent: indent + style.indent).commaAfterLast() } + [pad + "]"]
        case .map(let entries):
            return [pad + "{"]
                + entries.flatMap { entry -> [String] in
                    var lines = entry.value.flowLines(style, indent: indent + style.indent)
                    lines[0] =
                        pad + String(repeating: " ", count: style.indent) + Self.scalar(entry.key, inFlow: true, style.quoting) + ": "
                        + lines[0].droppingIndentation(indent + style.indent)
                    return lines.commaAfterLast()
                } + [pad + "}"]
        }
    }

    /// `text` as a plain, single- or double-quoted scalar.
    static func scalar(_ text: String, inFlow: Bool, _ quoting: YAMLRenderStyle.Quoting) -> String {
        if quoting != .alwaysDouble, isPlainSafe(text) { return text }
        if quoting == .plainElseSingle, text.unicodeScalars.allSatisfy({ $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) }) {
            // By Unicode scalar: a quote followed by a combining mark is one Character, yet still a quote.
            var quoted = "'"
            for scalar in text.unicodeScalars {
                quoted.unicodeScalars.append(scalar)
                if scalar == "'" { quoted.unicodeScalars.append(scalar) }
            }
            return quoted + "'"
        }
        return doubleQuoted(text)
    }

    /// Text that reads back the same unquoted anywhere: letters, digits and `_ . / - + = @`, single inner
    /// spaces, starting with a letter, digit or `_` or `/`. Deliberately narrower than YAML's rule.
    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, last != " " else { return false }
        guard first.isLetter || (first.isASCII && first.isNumber) || first == "_" || first == "/" else { return false }
        return !text.contains("  ") && text.allSatisfy { $0.isLetter || ($0.isASCII && $0.isNumber) || "_./-+=@ ".contains($0) }
    }

    private static func doubleQuoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\0": quoted += "\\0"
            case "\u{FEFF}": quoted += "\\uFEFF"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                quoted += "\\x" + (hex.count == 1 ? "0" : "") + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}

extension String {
    /// The line without its first `count` spaces, counted by Unicode scalar: a combining mark after the
    /// indentation joins the last space into one Character, which dropping Characters would lose with it.
    fileprivate func droppingIndentation(_ count: Int) -> String {
        String(unicodeScalars.dropFirst(count))
    }
}

extension [String] {
    fileprivate func commaAfterLast() -> [String] {
        var lines = self
        lines[lines.count - 1] += ","
        return lines
    }
}
