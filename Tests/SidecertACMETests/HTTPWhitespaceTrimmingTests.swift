import Testing

@testable import SidecertACME

/// Header values lose the optional whitespace HTTP allows around them, and only that.
struct HTTPWhitespaceTrimmingTests {
    @Test(
        arguments: [
            ("", ""),
            (" \t", ""),
            ("  Wed, 21 Oct 2015 07:28:00 GMT\t", "Wed, 21 Oct 2015 07:28:00 GMT"),
            ("120\r\n", "120\r\n"),
            ("\u{00A0}120", "\u{00A0}120"),
            ("a \t b", "a \t b"),
        ])
    func onlySpacesAndTabsAtTheEndsAreDropped(value: String, trimmed: String) {
        #expect(value.trimmingHTTPWhitespace() == trimmed)
        #expect(value[...].trimmingHTTPWhitespace() == trimmed)
    }
}
