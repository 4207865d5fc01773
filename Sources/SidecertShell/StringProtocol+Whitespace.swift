extension StringProtocol {
    /// The text without leading and trailing Unicode whitespace and line breaks: flag values, environment
    /// lists and names as people type them, and what commands and sockets answer. (Foundation's
    /// `trimmingCharacters(in:)` is not in FoundationEssentials, and the executable is built without the rest
    /// of Foundation; see docs/ARCHITECTURE.md.)
    package func trimmingWhitespace() -> String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
}
