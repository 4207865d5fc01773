/// A position in the document's bytes that knows its line and column. Line breaks are `\n` only (the
/// reader has removed the `\r` of CRLF), so a column is a count of bytes from the start of the line; YAML's
/// indentation is spaces, so that count is the indentation.
struct YAMLCursor {
    let bytes: [UInt8]
    private(set) var index = 0
    /// The current line, from 1.
    private(set) var line = 1
    private var lineStart = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var column: Int { index - lineStart }

    /// The byte at the cursor; nil at the end of the document.
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The byte `offset` bytes ahead; nil past the end.
    func peek(_ offset: Int = 1) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    /// At a line break or the end of the document.
    var atLineEnd: Bool { current == nil || current == .newline }

    /// At a `#` that starts a comment: YAML wants it first on its line or after a blank (`a#b` is text).
    var atComment: Bool {
        current == UInt8(ascii: "#") && (column == 0 || bytes[index - 1].isYAMLBlank)
    }

    /// At `---` or `...` followed by a blank or the line's end, at column 0: a document marker.
    func atDocumentMarker(_ marker: UInt8) -> Bool {
        column == 0 && current == marker && peek(1) == marker && peek(2) == marker
            && (peek(3) == nil || peek(3) == .newline || peek(3)!.isYAMLBlank)
    }

    /// Moves `count` bytes ahead on the current line.
    mutating func advance(_ count: Int = 1) {
        index += count
    }

    /// Moves past the line break at the cursor to the start of the next line.
    mutating func nextLine() {
        index += 1
        line += 1
        lineStart = index
    }

    /// Moves past spaces and tabs.
    mutating func skipBlanks() {
        while current?.isYAMLBlank == true { index += 1 }
    }

    /// Moves to the end of the line (past a comment, say), not past its break.
    mutating func skipToLineEnd() {
        while !atLineEnd { index += 1 }
    }
}

extension UInt8 {
    static let newline = UInt8(ascii: "\n")

    /// A space or a tab: what separates tokens on a line.
    var isYAMLBlank: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }

    /// `,` `[` `]` `{` `}`: what ends a plain value inside a flow collection.
    var isYAMLFlowIndicator: Bool {
        switch self {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): true
        default: false
        }
    }

    /// This byte as a character for a message: itself when printable ASCII, its code otherwise.
    var yamlDescription: String {
        (0x21..<0x7F).contains(self) ? "'\(Character(Unicode.Scalar(self)))'" : "byte 0x\(String(self, radix: 16, uppercase: true))"
    }
}
