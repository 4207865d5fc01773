extension StringProtocol {
    /// The text without the whitespace and newlines at either end, as header values, command output and
    /// response bodies are compared. (Foundation's `trimmingCharacters(in:)` is not in FoundationEssentials,
    /// and the executable is built without the rest of Foundation; see docs/ARCHITECTURE.md.)
    package func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
