/// Why a document was refused, with the line, so the user can find it: text that is not YAML, YAML this
/// reader does not support (anchors, tags, block scalars, several documents, ...), or a key given twice.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    /// A stable kind of refusal, so a caller can word its own message around it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, as shown in logs.
        public let name: String

        /// The text is not YAML (an unclosed `[`, a bad escape, a line indented where nothing can start).
        public static let malformed = Code(name: "malformed")
        /// Valid YAML that this reader does not read (anchors, aliases, tags, `|` and `>` blocks, several
        /// documents, complex keys, tabs as indentation, values continued on another line).
        public static let unsupported = Code(name: "unsupported")
        /// One mapping names a key twice (YAML forbids it; which value was meant cannot be known).
        public static let duplicateKey = Code(name: "duplicateKey")

        public var description: String { name }
    }

    /// What kind of refusal this is.
    public let code: Code
    /// The line the problem is on, from 1.
    public let line: Int
    /// What is wrong there, and for unsupported YAML what to write instead.
    public let message: String

    init(_ code: Code, line: Int, _ message: String) {
        self.code = code
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
