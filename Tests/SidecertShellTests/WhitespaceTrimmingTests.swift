import Testing

@testable import SidecertShell

/// What people type and what commands answer, without the whitespace at either end.
struct WhitespaceTrimmingTests {
    @Test(
        arguments: [
            ("", ""),
            (" \t\r\n", ""),
            ("abc", "abc"),
            ("  a.example \r\n", "a.example"),
            ("\u{00A0}token\u{2003}", "token"),
            ("\u{FEFF}x", "\u{FEFF}x"),
            ("a\n b", "a\n b"),
        ])
    func theEndsLoseTheirWhitespaceAndTheMiddleKeepsIt(text: String, trimmed: String) {
        #expect(text.trimmingWhitespace() == trimmed)
        #expect(text[...].trimmingWhitespace() == trimmed)
    }
}
