import SidecertYAML
import Testing

/// What the reader refuses: YAML it does not support and text that is not YAML, each with its line and
/// words that say what to write instead.
struct YAMLReaderRefusalTests {
    /// Each case: the document, the refusal's code and line, and what its message must say.
    static let refusals: [(yaml: String, code: YAMLError.Code, line: Int, message: String)] = [
        ("a: &x 1\n", .unsupported, 1, "anchors (&name) are not supported"),
        ("a: 1\nb: *x\n", .unsupported, 2, "aliases (*name) are not supported"),
        ("a: !!str 1\n", .unsupported, 1, "tags (!tag) are not supported"),
        ("&x a: 1\n", .unsupported, 1, "anchors"),
        ("a: |\n  x\n", .unsupported, 1, "block scalars ('|' and '>') are not supported"),
        ("a:\n  - >-\n    x\n", .unsupported, 2, "block scalars"),
        ("---\na\n---\nb\n", .unsupported, 3, "a second document ('---') is not supported"),
        ("a: 1\n...\nb: 2\n", .unsupported, 3, "a second document (after '...') is not supported"),
        ("%YAML 1.2\n---\na\n", .unsupported, 1, "directives (%YAML, %TAG) are not supported"),
        ("--- a\n", .unsupported, 1, "a value on the '---' line is not supported"),
        ("? a\n: b\n", .unsupported, 1, "complex keys ('? ') are not supported"),
        ("[a]: b\n", .unsupported, 1, "complex keys ([ ] or { } as a key) are not supported"),
        ("{[a]: b}\n", .unsupported, 1, "complex keys ([ ] or { } as a key)"),
        ("a:\n\tb: 1\n", .unsupported, 2, "a tab in the indentation"),
        ("a: b\n  c\n", .unsupported, 2, "text continued on another line is not supported"),
        ("a:\n  b: 1\n c: 2\n", .unsupported, 3, "indented deeper than the lines before it"),
        ("a: 'x\n  y'\n", .unsupported, 1, "a quoted value must end on its line"),
        ("a: \"x\\\n  y\"\n", .unsupported, 1, "a '\\' at the end of a line"),
        ("[a\n b]\n", .unsupported, 2, "text continued on another line is not supported"),
        ("[a: b]\n", .unsupported, 1, "'key: value' inside [ ] is not supported; use { }"),
        ("a\rb: 1\n", .unsupported, 1, "a carriage return that does not end a line"),
        (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), .unsupported, 1, "nesting deeper than 64 levels"),
        (String(repeating: "- ", count: 65) + "x\n", .unsupported, 1, "nesting deeper than 64 levels"),
        ("a: 1\nb: 2\na: 3\n", .duplicateKey, 3, "'a' given twice in one mapping (first on line 1)"),
        ("{a: 1,\n a: 2}\n", .duplicateKey, 2, "'a' given twice in one mapping (first on line 1)"),
        ("'a': 1\na: 2\n", .duplicateKey, 2, "'a' given twice"),
        ("certificates: [a, b\n", .malformed, 1, "the '[' on this line is never closed with ']'"),
        ("a:\n  b: {c: 1,\n", .malformed, 2, "the '{' on this line is never closed with '}'"),
        ("a: \"\\q\"\n", .malformed, 1, "unknown escape '\\' followed by 'q'"),
        ("a: \"\\uD800\"\n", .malformed, 1, "the escape for U+D800 names no Unicode character"),
        ("a: \"\\x4\"\n", .malformed, 1, "an escape needs 2 hexadecimal digits"),
        ("a: b: c\n", .malformed, 1, "a 'key: value' cannot follow a key on its line"),
        ("a: 1\n- b\n", .malformed, 2, "a list entry among the keys of a mapping"),
        ("a: 1\nb\n", .malformed, 2, "expected 'key: value' like the lines above"),
        ("a: 1\nb:2\n", .malformed, 2, "(with a blank after ':')"),
        ("a: - b\n", .malformed, 1, "a list cannot start on its key's line"),
        ("- a\nb: 1\n", .malformed, 2, "this line does not fit the structure above it"),
        ("a: \"b\" c\n", .malformed, 1, "unexpected 'c' after the value"),
        ("a: \"b\"#c\n", .malformed, 1, "unexpected '#' after the value"),
        ("a: \u{7}\n", .malformed, 1, "a control character (byte 0x7) is not allowed"),
        ("[a, , b]\n", .malformed, 1, "an empty entry"),
        ("[a, b c]]\n", .malformed, 1, "unexpected ']' after the value"),
        ("{a: 1 b: 2}\n", .malformed, 1, "expected ',' or '}' after an entry (of the collection opened on line 1)"),
        ("{a:b}\n", .malformed, 1, "'a:b' inside { } has no value"),
        ("a: @x\n", .malformed, 1, "a value cannot start with '@' in YAML; quote it"),
        ("a: %x\n", .malformed, 1, "a value cannot start with '%'"),
        ("a: ]\n", .malformed, 1, "unexpected ']' where a value should start"),
    ]

    @Test("a document is refused with its line and why", arguments: 0..<refusals.count)
    func refuses(index: Int) {
        let (yaml, code, line, message) = Self.refusals[index]
        do {
            let root = try YAMLReader.read(yaml)
            Issue.record("accepted \(yaml.debugDescription) as \(root.map(YAMLTree.init).map(String.init(describing:)) ?? "nothing")")
        } catch {
            #expect(error.code == code, "\(yaml.debugDescription): \(error)")
            #expect(error.line == line, "\(yaml.debugDescription): \(error)")
            #expect(error.message.contains(message), "\(yaml.debugDescription): \(error)")
        }
    }
}
