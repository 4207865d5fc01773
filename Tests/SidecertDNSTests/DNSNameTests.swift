import Testing

@testable import SidecertDNS

@Suite struct DNSNameTests {
    @Test func rootIsADotAndOneByte() throws {
        #expect(try DNSName(".") == .root)
        #expect(DNSName.root.description == ".")
        #expect(DNSName.root.fullyQualifiedText == ".")
        #expect(DNSName.root.wireLength == 1)
        #expect(DNSName.root.parent == nil)
    }

    @Test func trailingDotIsOptionalAndCaseDoesNotMatter() throws {
        let name = try DNSName("WWW.Example.COM.")
        #expect(name == (try DNSName("www.example.com")))
        #expect(name.hashValue == (try DNSName("www.example.com")).hashValue)
        #expect(name.description == "WWW.Example.COM", "case is kept for display")
        #expect(name.lowercased().description == "www.example.com")
        #expect(name.fullyQualifiedText == "WWW.Example.COM.")
        #expect(name != (try DNSName("www.example.co")))
    }

    @Test func parentsAndSubdomains() throws {
        let name = try DNSName("a.b.example")
        #expect(name.parent == (try DNSName("b.example")))
        #expect(name.isSubdomain(of: try DNSName("EXAMPLE")))
        #expect(name.isSubdomain(of: name))
        #expect(name.isSubdomain(of: .root))
        #expect(!(try DNSName("example")).isSubdomain(of: name))
        #expect(!(try DNSName("xb.example")).isSubdomain(of: try DNSName("b.example")))
        #expect(try name.prepending(label: "_acme-challenge") == (try DNSName("_acme-challenge.a.b.example")))
    }

    @Test func escapedDotsAndDecimalEscapesStayInsideOneLabel() throws {
        let name = try DNSName(#"a\.b.c\\d.\065\255"#)
        #expect(name.labels == [Array("a.b".utf8), Array(#"c\d"#.utf8), [65, 255]])
        #expect(name.description == #"a\.b.c\\d.A\255"#)
        #expect(try DNSName(name.description) == name, "the printed form parses back")
    }

    @Test(arguments: ["", "..", "a..b", ".a", "a.\\", "a\\25", "a\\256"])
    func malformedTextIsRejected(_ text: String) {
        #expect(throws: DNSError.self) { try DNSName(text) }
        do {
            _ = try DNSName(text)
        } catch {
            #expect(error.code == .invalidName)
        }
    }

    @Test func labelsUpTo63Bytes() throws {
        let longest = String(repeating: "a", count: 63)
        #expect(try DNSName("\(longest).example").labels[0].count == 63)
        let error = #expect(throws: DNSError.self) { try DNSName("\(longest)a.example") }
        #expect(error?.code == .invalidName)
        #expect(error?.message.contains("64 bytes") == true)
    }

    @Test func namesUpTo255BytesInWireForm() throws {
        let label63 = String(repeating: "x", count: 63)
        // 1 + 3 × (1 + 63) + (1 + 61) = 255: the longest name.
        let longest = try DNSName([label63, label63, label63, String(repeating: "y", count: 61)].joined(separator: "."))
        #expect(longest.wireLength == 255)
        let error = #expect(throws: DNSError.self) {
            try DNSName([label63, label63, label63, String(repeating: "y", count: 62)].joined(separator: "."))
        }
        #expect(error?.code == .invalidName)
        #expect(error?.message.contains("256") == true)
    }
}
