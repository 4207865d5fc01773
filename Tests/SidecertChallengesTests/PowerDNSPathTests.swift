import Testing

@testable import SidecertChallenges

/// PowerDNS's API addresses a zone by its name in the URL path: whatever the name holds stays one segment.
struct PowerDNSPathTests {
    @Test(
        arguments: [
            ("example.org.", "example.org."),
            ("localhost", "localhost"),
            ("_acme-challenge.a~b.", "_acme-challenge.a~b."),
            ("a/b", "a%2Fb"),
            ("../zones", "..%2Fzones"),
            ("a b?c#d", "a%20b%3Fc%23d"),
            ("bücher.example.", "b%C3%BCcher.example."),
            ("\n", "%0A"),
        ])
    func aNameIsOnePathSegment(name: String, segment: String) {
        #expect(PowerDNSRecordWriter.pathSegment(name) == segment)
    }
}
