/// Flow collections, `[a, b]` and `{a: b}`: delimited, so they may run over several lines at any
/// indentation, with comments between entries.
extension YAMLReader {
    /// `[a, b]`, a trailing comma allowed.
    mutating func flowSequence() throws(YAMLError) -> YAMLNode {
        try enterNesting()
        defer { leaveNesting() }
        let line = cursor.line
        cursor.advance()
        var items: [YAMLNode] = []
        while true {
            try skipFlowSpace(closing: "]", openedOn: line)
            if cursor.current == UInt8(ascii: "]") { break }
            items.append(try flowNode())
            let crossedLine = try skipFlowSpace(closing: "]", openedOn: line)
            if cursor.current == UInt8(ascii: "]") { break }
            if cursor.current == UInt8(ascii: ":") {
                throw YAMLError(.unsupported, line: cursor.line, "'key: value' inside [ ] is not supported; use { } for a mapping")
            }
            try expectComma(closing: "]", openedOn: line, crossedLine: crossedLine)
        }
        cursor.advance()
        return YAMLNode(.sequence(items), line: line)
    }

    /// `{key: value, ...}`, a trailing comma allowed; a key without a value holds "".
    mutating func flowMapping() throws(YAMLError) -> YAMLNode {
        try enterNesting()
        defer { leaveNesting() }
        let line = cursor.line
        cursor.advance()
        var entries: [YAMLMappingEntry] = []
        var keyLines: [String: Int] = [:]
        while true {
            try skipFlowSpace(closing: "}", openedOn: line)
            if cursor.current == UInt8(ascii: "}") { break }
            let keyLine = cursor.line
            let key = try flowKey()
            if let first = keyLines[key] {
                throw YAMLError(.duplicateKey, line: keyLine, "'\(key)' given twice in one mapping (first on line \(first))")
            }
            keyLines[key] = keyLine
            try skipFlowSpace(closing: "}", openedOn: line)
            let value: YAMLNode
            if cursor.current == UInt8(ascii: ",") || cursor.current == UInt8(ascii: "}") {
                value = YAMLNode(.scalar(""), line: keyLine)
            } else {
                value = try flowNode()
            }
            entries.append(YAMLMappingEntry(key: key, keyLine: keyLine, value: value))
            let crossedLine = try skipFlowSpace(closing: "}", openedOn: line)
            if cursor.current == UInt8(ascii: "}") { break }
            try expectComma(closing: "}", openedOn: line, crossedLine: crossedLine)
        }
        cursor.advance()
        return YAMLNode(.mapping(entries), line: line)
    }

    /// A key of a flow mapping and its `:`.
    private mutating func flowKey() throws(YAMLError) -> String {
        try refuseUnsupportedStart()
        let key: String
        switch cursor.current {
        case UInt8(ascii: "\""): key = try doubleQuoted()
        case UInt8(ascii: "'"): key = try singleQuoted()
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            throw YAMLError(.unsupported, line: cursor.line, "complex keys ([ ] or { } as a key) are not supported; keys are plain or quoted text")
        default:
            guard let plain = plainScalar(inFlow: true) else { throw unexpectedByte() }
            key = plain
        }
        cursor.skipBlanks()
        guard cursor.current == UInt8(ascii: ":") else {
            throw YAMLError(.malformed, line: cursor.line, "'\(key)' inside { } has no value: write 'key: value' (with a blank after ':')")
        }
        cursor.advance()
        return key
    }

    /// An entry of a flow collection: text or a nested collection.
    private mutating func flowNode() throws(YAMLError) -> YAMLNode {
        try refuseUnsupportedStart()
        let line = cursor.line
        switch cursor.current {
        case UInt8(ascii: "["): return try flowSequence()
        case UInt8(ascii: "{"): return try flowMapping()
        case UInt8(ascii: "\""): return YAMLNode(.scalar(try doubleQuoted()), line: line)
        case UInt8(ascii: "'"): return YAMLNode(.scalar(try singleQuoted()), line: line)
        case UInt8(ascii: ","): throw YAMLError(.malformed, line: line, "an empty entry: a ',' with nothing before it")
        default:
            guard let text = plainScalar(inFlow: true) else { throw unexpectedByte() }
            return YAMLNode(.scalar(text), line: line)
        }
    }

    /// Moves past the ',' between two entries, or says what is wrong instead.
    private mutating func expectComma(closing: Character, openedOn line: Int, crossedLine: Bool) throws(YAMLError) {
        guard cursor.current == UInt8(ascii: ",") else {
            if crossedLine, canStartPlain(inFlow: true) {
                throw YAMLError(
                    .unsupported, line: cursor.line,
                    "text continued on another line is not supported; write it on one line, or separate entries with ','")
            }
            throw YAMLError(.malformed, line: cursor.line, "expected ',' or '\(closing)' after an entry (of the collection opened on line \(line))")
        }
        cursor.advance()
    }

    /// Moves past blanks, line breaks and comments inside a flow collection; returns whether it crossed a
    /// line break. The end of the document here means the collection was never closed.
    @discardableResult
    private mutating func skipFlowSpace(closing: Character, openedOn line: Int) throws(YAMLError) -> Bool {
        var crossedLine = false
        while true {
            cursor.skipBlanks()
            if cursor.atComment { cursor.skipToLineEnd() }
            switch cursor.current {
            case nil:
                let opening = closing == "]" ? "[" : "{"
                throw YAMLError(.malformed, line: line, "the '\(opening)' on this line is never closed with '\(closing)'")
            case .newline:
                cursor.nextLine()
                crossedLine = true
            default:
                return crossedLine
            }
        }
    }
}
