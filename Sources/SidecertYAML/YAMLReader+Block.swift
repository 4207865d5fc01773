/// Block structure: what indentation means. A collection's entries all start at its column; a value on
/// the lines below its key or `-` is indented deeper, except a list, which may start at its key's column.
extension YAMLReader {
    /// The node whose first content is at the cursor, at `column`: a list, a mapping, or a value alone on
    /// its line.
    mutating func blockNode(column: Int) throws(YAMLError) -> YAMLNode {
        try refuseUnsupportedStart()
        if atSequenceEntry { return try blockSequence(column: column) }
        var probe = self
        if try probe.takeKey() != nil { return try blockMapping(column: column) }
        return try inlineValue()
    }

    /// At `-` followed by a blank or the line's end.
    var atSequenceEntry: Bool {
        cursor.current == UInt8(ascii: "-") && (cursor.peek() == nil || cursor.peek() == .newline || cursor.peek()!.isYAMLBlank)
    }

    /// `- item` lines at `column`.
    mutating func blockSequence(column: Int) throws(YAMLError) -> YAMLNode {
        try enterNesting()
        defer { leaveNesting() }
        let line = cursor.line
        var items: [YAMLNode] = []
        while true {
            let entryLine = cursor.line
            cursor.advance()
            cursor.skipBlanks()
            if cursor.atLineEnd || cursor.atComment {
                items.append(try valueBelow(column: column, line: entryLine, allowingListAtColumn: false))
            } else {
                items.append(try blockNode(column: cursor.column))
            }
            guard case .content(let next) = try nextContentLine(), next >= column else { break }
            guard next == column else { throw unexpectedIndentation() }
            // Anything else at this column is the enclosing mapping's next key (`key:` then `- a`).
            guard atSequenceEntry else { break }
        }
        return YAMLNode(.sequence(items), line: line)
    }

    /// `key: value` lines at `column`.
    mutating func blockMapping(column: Int) throws(YAMLError) -> YAMLNode {
        try enterNesting()
        defer { leaveNesting() }
        let line = cursor.line
        var entries: [YAMLMappingEntry] = []
        var keyLines: [String: Int] = [:]
        while true {
            let keyLine = cursor.line
            guard let key = try takeKey() else {
                throw YAMLError(
                    .malformed, line: keyLine,
                    atSequenceEntry
                        ? "a list entry among the keys of a mapping: indent the list under its key"
                        : "expected 'key: value' like the lines above (with a blank after ':')")
            }
            if let first = keyLines[key] {
                throw YAMLError(.duplicateKey, line: keyLine, "'\(key)' given twice in one mapping (first on line \(first))")
            }
            keyLines[key] = keyLine
            cursor.skipBlanks()
            let value: YAMLNode
            if cursor.atLineEnd || cursor.atComment {
                value = try valueBelow(column: column, line: keyLine, allowingListAtColumn: true)
            } else {
                if atSequenceEntry {
                    throw YAMLError(.malformed, line: keyLine, "a list cannot start on its key's line: put each '- item' on a line of its own below")
                }
                value = try inlineValue()
            }
            entries.append(YAMLMappingEntry(key: key, keyLine: keyLine, value: value))
            guard case .content(let next) = try nextContentLine(), next >= column else { break }
            guard next == column else { throw unexpectedIndentation() }
        }
        return YAMLNode(.mapping(entries), line: line)
    }

    /// The value of a `key:` or `-` with nothing after it on its line: the node on the lines below, indented
    /// deeper than `column` (or, for a key, a list at `column`), else empty text on `line`.
    private mutating func valueBelow(column: Int, line: Int, allowingListAtColumn: Bool) throws(YAMLError) -> YAMLNode {
        cursor.skipToLineEnd()
        guard case .content(let next) = try nextContentLine() else { return YAMLNode(.scalar(""), line: line) }
        if next > column { return try blockNode(column: next) }
        if next == column, allowingListAtColumn, atSequenceEntry { return try blockSequence(column: column) }
        return YAMLNode(.scalar(""), line: line)
    }

    /// A key and its `:` (followed by a blank or the line's end), moving past both; nil, without moving, when
    /// the line does not start with one.
    mutating func takeKey() throws(YAMLError) -> String? {
        var probe = self
        let key: String
        switch probe.cursor.current {
        case UInt8(ascii: "\""): key = try probe.doubleQuoted()
        case UInt8(ascii: "'"): key = try probe.singleQuoted()
        default:
            guard let plain = probe.plainScalar(inFlow: false) else { return nil }
            key = plain
        }
        probe.cursor.skipBlanks()
        guard probe.cursor.current == UInt8(ascii: ":") else { return nil }
        probe.cursor.advance()
        guard probe.cursor.atLineEnd || probe.cursor.current!.isYAMLBlank else { return nil }
        self = probe
        return key
    }

    /// A value that starts and ends on the cursor's line: text, or a flow collection (which may run on to
    /// further lines).
    mutating func inlineValue() throws(YAMLError) -> YAMLNode {
        try refuseUnsupportedStart()
        let line = cursor.line
        let node: YAMLNode
        switch cursor.current {
        case UInt8(ascii: "["): node = try flowSequence()
        case UInt8(ascii: "{"): node = try flowMapping()
        case UInt8(ascii: "\""): node = YAMLNode(.scalar(try doubleQuoted()), line: line)
        case UInt8(ascii: "'"): node = YAMLNode(.scalar(try singleQuoted()), line: line)
        default:
            guard let text = plainScalar(inFlow: false) else { throw unexpectedByte() }
            node = YAMLNode(.scalar(text), line: line)
        }
        try finishLine(afterCollection: node.scalar == nil)
        return node
    }
}
