import Testing

@testable import SidecertACME

struct WhitespaceTrimmingTests {
    @Test(
        arguments: [
            ("", ""),
            (" \t\r\n", ""),
            ("abc", "abc"),
            ("  Wed, 21 Oct 2015 07:28:00 GMT \r\n", "Wed, 21 Oct 2015 07:28:00 GMT"),
            ("\u{00A0}token\u{2003}", "token"),
            ("a\n b", "a\n b"),
        ])
    func theEndsLoseTheirWhitespaceAndTheMiddleKeepsIt(text: String, trimmed: String) {
        #expect(text.trimmingWhitespace() == trimmed)
        #expect(text[...].trimmingWhitespace() == trimmed)
    }
}
