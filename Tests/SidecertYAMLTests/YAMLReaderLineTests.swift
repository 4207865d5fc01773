import SidecertYAML
import Testing

/// Every node keeps the line it starts on, whatever comes before it (comments, blank lines, `---`, a byte
/// order mark, CRLF), so that errors about a value name the right line.
struct YAMLReaderLineTests {
    static let document = """
        # the certificates

        defaults:
          key-type: ecdsa-p256
        certificates:
          -
            domains:
              - a.internal
          - cert-name: b
            domains: [c.internal,
              d.internal]
            profile:
        """

    @Test("lines of keys, values, lists and list items", arguments: ["", "\u{FEFF}"], ["\n", "\r\n"])
    func linesAreKept(prefix: String, lineEnd: String) throws {
        let text = prefix + Self.document.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: lineEnd)
        let root = try #require(try YAMLReader.read(text))
        #expect(root.line == 3)
        let top = try #require(root.mapping)
        #expect(top.map(\.keyLine) == [3, 5])
        #expect(top[0].value.line == 4)
        let certificates = try #require(top[1].value.sequence)
        #expect(top[1].value.line == 6, "a list starts at its first '-'")
        #expect(certificates.map(\.line) == [7, 9], "a mapping in a list starts at its first key")
        let second = try #require(certificates[1].mapping)
        #expect(second.map(\.keyLine) == [9, 10, 12])
        #expect(try #require(second[1].value.sequence).map(\.line) == [10, 11], "a flow list's items over two lines")
        #expect(second[2].value.line == 12, "an empty value is on its key's line")
        let first = try #require(certificates[0].mapping)
        #expect(try #require(first[0].value.sequence)[0].line == 8)
    }

    @Test func aDocumentStartMarkerCountsAsALine() throws {
        let root = try #require(try YAMLReader.read("---\n\na: 1\n"))
        #expect(root.line == 3)
        #expect(root.mapping?.first?.value.line == 3)
    }
}
