/// Moving between lines: what the next line holds, and what may follow a value on its own line.
extension YAMLReader {
    /// What the next line with content starts with.
    enum LineStart: Equatable {
        /// Content at this column (the cursor is on it).
        case content(column: Int)
        /// `---` at column 0.
        case documentStart
        /// `...` at column 0.
        case documentEnd
        /// The end of the document.
        case end
    }

    /// Moves past blank and comment-only lines to the first content of the next line; called at a line's end
    /// (or its start). Asking again without moving returns the same answer.
    mutating func nextContentLine() throws(YAMLError) -> LineStart {
        if let parked, parked.index == cursor.index { return parked.found }
        var found: LineStart
        while true {
            if cursor.current == .newline { cursor.nextLine() }
            while cursor.current == UInt8(ascii: " ") { cursor.advance() }
            if cursor.current == nil {
                found = .end
                break
            }
            if cursor.atLineEnd { continue }
            if cursor.atComment {
                cursor.skipToLineEnd()
                continue
            }
            if cursor.current == UInt8(ascii: "\t") {
                cursor.skipBlanks()
                if cursor.atLineEnd || cursor.atComment {
                    cursor.skipToLineEnd()
                    continue
                }
                throw YAMLError(.unsupported, line: cursor.line, "a tab in the indentation: YAML indents with spaces only")
            }
            if cursor.atDocumentMarker(UInt8(ascii: "-")) {
                found = .documentStart
            } else if cursor.atDocumentMarker(UInt8(ascii: ".")) {
                found = .documentEnd
            } else {
                found = .content(column: cursor.column)
            }
            break
        }
        parked = (cursor.index, found)
        return found
    }

    /// Checks that only blanks and a comment follow a value on its line, and moves to the line's end.
    /// `afterCollection`: the value was a `[ ]` or `{ }`, so a `:` after it would make it a complex key.
    mutating func finishLine(afterCollection: Bool = false) throws(YAMLError) {
        cursor.skipBlanks()
        if cursor.atComment { cursor.skipToLineEnd() }
        guard let byte = cursor.current, byte != .newline else { return }
        if byte == UInt8(ascii: ":") {
            if afterCollection {
                throw YAMLError(
                    .unsupported, line: cursor.line, "complex keys ([ ] or { } as a key) are not supported; keys are plain or quoted text")
            }
            throw YAMLError(.malformed, line: cursor.line, "unexpected ':' after a value: a 'key: value' cannot follow a key on its line")
        }
        throw YAMLError(.malformed, line: cursor.line, "unexpected \(byte.yamlDescription) after the value")
    }

    /// The error for a line indented deeper than the collection around it expects.
    func unexpectedIndentation() -> YAMLError {
        YAMLError(
            .unsupported, line: cursor.line,
            "this line is indented deeper than the lines before it: text continued on another line is not supported (write it on one line), or the line is misaligned"
        )
    }
}
