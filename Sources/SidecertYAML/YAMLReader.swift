/// Reads the YAML people write for a configuration file — what compose files and Kubernetes ConfigMaps
/// hold — into ``YAMLNode``s that keep their lines, with the standard library alone (no Foundation, so the
/// executable carries no ICU; a fuzz target compiles this folder alone).
///
/// Read: block mappings and lists at any consistent indentation (a list may sit at its key's column,
/// `key:` then `- a`), flow lists `[a, b]` and mappings `{a: b}` (over several lines too), plain, single-
/// and double-quoted text with YAML's escapes, comments, blank lines, one optional `---` and `...`, CRLF
/// line ends and a UTF-8 byte order mark.
///
/// Refused with the line and what to write instead: anchors and aliases, tags, `|` and `>` blocks, text
/// continued on another line, several documents, directives, complex keys, tabs as indentation, nesting
/// deeper than ``maximumDepth``; and, as YAML requires, a key given twice in one mapping.
public struct YAMLReader {
    /// Deeper nesting is refused, so that hostile input cannot exhaust the stack.
    public static let maximumDepth = 64

    var cursor: YAMLCursor
    /// How many collections enclose the cursor.
    var depth = 0
    /// Where ``nextContentLine()`` last stopped and what it found there, so that asking again does not move.
    var parked: (index: Int, found: LineStart)?

    /// The document's root node; nil when the document holds only comments, blank lines and markers.
    public static func read(_ text: String) throws(YAMLError) -> YAMLNode? {
        var reader = try YAMLReader(text)
        return try reader.document()
    }

    /// Drops a byte order mark and the `\r` of each CRLF, and refuses control characters, which YAML allows
    /// only as escapes: from here on, a line ends at `\n` and nothing invisible hides in the text.
    init(_ text: String) throws(YAMLError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var line = 1
        var input = text.utf8[...]
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { input = input.dropFirst(3) }
        var index = input.startIndex
        while index != input.endIndex {
            let byte = input[index]
            input.formIndex(after: &index)
            switch byte {
            case .newline:
                line += 1
            case UInt8(ascii: "\r"):
                guard index != input.endIndex, input[index] == .newline else {
                    throw YAMLError(.unsupported, line: line, "a carriage return that does not end a line (only LF and CRLF line ends are read)")
                }
                continue
            case UInt8(ascii: "\t"):
                break
            case 0..<0x20, 0x7F:
                throw YAMLError(
                    .malformed, line: line, "a control character (\(byte.yamlDescription)) is not allowed; write it as an escape in double quotes")
            default:
                break
            }
            bytes.append(byte)
        }
        cursor = YAMLCursor(bytes)
    }

    /// The whole document: an optional `---`, one node, an optional `...`, nothing else.
    mutating func document() throws(YAMLError) -> YAMLNode? {
        var next = try nextContentLine()
        if case .content(0) = next, cursor.current == UInt8(ascii: "%") {
            throw YAMLError(.unsupported, line: cursor.line, "directives (%YAML, %TAG) are not supported")
        }
        if next == .documentStart {
            try finishMarker("---")
            next = try nextContentLine()
        }
        var root: YAMLNode?
        if case .content(let column) = next {
            root = try blockNode(column: column)
            next = try nextContentLine()
        }
        switch next {
        case .end:
            return root
        case .documentEnd:
            try finishMarker("...")
            guard try nextContentLine() == .end else {
                throw YAMLError(.unsupported, line: cursor.line, "a second document (after '...') is not supported: one file holds one document")
            }
            return root
        case .documentStart:
            throw YAMLError(.unsupported, line: cursor.line, "a second document ('---') is not supported: one file holds one document")
        case .content:
            throw YAMLError(.malformed, line: cursor.line, "this line does not fit the structure above it: check its indentation")
        }
    }

    /// Moves past a `---` or `...` line, which may carry a comment but no value.
    private mutating func finishMarker(_ marker: String) throws(YAMLError) {
        cursor.advance(3)
        cursor.skipBlanks()
        guard cursor.atLineEnd || cursor.atComment else {
            throw YAMLError(.unsupported, line: cursor.line, "a value on the '\(marker)' line is not supported; start it on the next line")
        }
        cursor.skipToLineEnd()
    }

    /// Counts one more enclosing collection; `leaveNesting()` undoes it.
    mutating func enterNesting() throws(YAMLError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw YAMLError(.unsupported, line: cursor.line, "nesting deeper than \(Self.maximumDepth) levels is not supported")
        }
    }

    mutating func leaveNesting() {
        depth -= 1
    }
}
