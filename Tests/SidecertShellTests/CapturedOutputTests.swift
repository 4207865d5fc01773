import Testing

@testable import SidecertShell

/// The bounded output buffer: the end is kept, and how much was dropped is said.
struct CapturedOutputTests {
    @Test
    func capturedOutputKeepsTheEnd() {
        var output = CapturedOutput(limit: 4)
        output.append(Array("abc".utf8))
        #expect(output.text == "abc")
        output.append(Array("defg".utf8))
        #expect(output.total == 7)
        #expect(output.text == "[… 3 earlier bytes dropped …]defg")
    }
}
