/// Text: plain, 'single-quoted' and "double-quoted", each on one line; and the indicators YAML gives a
/// meaning this reader does not support, refused where a value starts.
extension YAMLReader {
    /// A plain value, from the cursor to the line's end, a comment, or a `:` followed by a blank; in a flow
    /// collection also to `,` `[` `]` `{` `}`. Trailing blanks are not part of it. nil, without moving, when
    /// the cursor is not at the start of one.
    mutating func plainScalar(inFlow: Bool) -> String? {
        guard canStartPlain(inFlow: inFlow) else { return nil }
        let start = cursor.index
        var end = start
        while let byte = cursor.current, byte != .newline {
            if byte == UInt8(ascii: ":"), endsPlain(afterColon: cursor.peek(), inFlow: inFlow) { break }
            if cursor.atComment { break }
            if inFlow, byte.isYAMLFlowIndicator { break }
            cursor.advance()
            if !byte.isYAMLBlank { end = cursor.index }
        }
        return String(decoding: cursor.bytes[start..<end], as: UTF8.self)
    }

    /// Whether a plain value may start at the cursor: not at an indicator, except `-`, `?` and `:` followed
    /// by something that is neither a blank nor (in a flow collection) a flow indicator (`-1`, `:x`).
    func canStartPlain(inFlow: Bool) -> Bool {
        guard let byte = cursor.current, byte != .newline, !byte.isYAMLBlank else { return false }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            return !endsPlain(afterColon: cursor.peek(), inFlow: inFlow)
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"),
            UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return false
        default:
            return true
        }
    }

    /// Whether the byte after a `:` (or a leading `-` or `?`) makes it an indicator rather than text.
    private func endsPlain(afterColon next: UInt8?, inFlow: Bool) -> Bool {
        guard let next else { return true }
        return next == .newline || next.isYAMLBlank || (inFlow && next.isYAMLFlowIndicator)
    }

    /// Refuses, with what to write instead, the indicators that start YAML this reader does not support.
    func refuseUnsupportedStart() throws(YAMLError) {
        let line = cursor.line
        switch cursor.current {
        case UInt8(ascii: "&"):
            throw YAMLError(.unsupported, line: line, "anchors (&name) are not supported; repeat the value instead")
        case UInt8(ascii: "*"):
            throw YAMLError(.unsupported, line: line, "aliases (*name) are not supported; repeat the value instead")
        case UInt8(ascii: "!"):
            throw YAMLError(.unsupported, line: line, "tags (!tag) are not supported; write the value alone")
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            throw YAMLError(.unsupported, line: line, "block scalars ('|' and '>') are not supported; write the value on one line, quoted if needed")
        case UInt8(ascii: "?") where !canStartPlain(inFlow: false):
            throw YAMLError(.unsupported, line: line, "complex keys ('? ') are not supported; keys are plain or quoted text")
        case UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw YAMLError(.malformed, line: line, "a value cannot start with \(cursor.current!.yamlDescription) in YAML; quote it")
        default:
            return
        }
    }

    /// The error for a byte where a value should start.
    func unexpectedByte() -> YAMLError {
        YAMLError(.malformed, line: cursor.line, "unexpected \(cursor.current?.yamlDescription ?? "end of the document") where a value should start")
    }

    /// `'text'`, where `''` stands for one quote.
    mutating func singleQuoted() throws(YAMLError) -> String {
        let line = cursor.line
        cursor.advance()
        var text: [UInt8] = []
        while true {
            guard let byte = cursor.current, byte != .newline else { throw unclosedQuote(line: line, "'") }
            cursor.advance()
            if byte == UInt8(ascii: "'") {
                guard cursor.current == UInt8(ascii: "'") else { break }
                cursor.advance()
            }
            text.append(byte)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `"text"`, with YAML's escapes (``appendEscape(to:)``).
    mutating func doubleQuoted() throws(YAMLError) -> String {
        let line = cursor.line
        cursor.advance()
        var text: [UInt8] = []
        while true {
            guard let byte = cursor.current, byte != .newline else { throw unclosedQuote(line: line, "\"") }
            cursor.advance()
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"): try appendEscape(to: &text)
            default: text.append(byte)
            }
        }
    }

    private func unclosedQuote(line: Int, _ quote: String) -> YAMLError {
        YAMLError(
            .unsupported, line: line,
            "a quoted value must end on its line: its closing \(quote) is missing, or it runs over several lines (not supported)")
    }
}
