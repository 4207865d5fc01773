import SidecertYAML
import Testing

/// Property: any tree, rendered as YAML in each style people write (block at 2, 3 or 4 spaces, lists at or
/// under their key, flow on one line or many, plain or quoted text, comments, CRLF, a byte order mark),
/// reads back as the same tree. The trees come from a fixed seed, so a failure repeats.
struct YAMLRoundTripTests {
    @Test("random trees read back equal in every style", arguments: YAMLRenderStyle.all.indices)
    func randomTreesReadBack(styleIndex: Int) throws {
        let style = YAMLRenderStyle.all[styleIndex]
        var generator = RandomTreeGenerator(seed: 0x5EED_0000 + UInt64(styleIndex))
        for _ in 0..<400 {
            let tree = generator.tree(depth: 4)
            let yaml = tree.yaml(style)
            let again = try YAMLReader.read(yaml).map(YAMLTree.init)
            try #require(again == tree, "\(style):\n\(yaml)")
        }
    }

    @Test("the sample trees read back equal in every style", arguments: YAMLRenderStyle.all.indices)
    func sampleTreesReadBack(styleIndex: Int) throws {
        let style = YAMLRenderStyle.all[styleIndex]
        for tree in YAMLReaderTreeTests.cases.compactMap(\.tree) {
            let yaml = tree.yaml(style)
            #expect(try YAMLReader.read(yaml).map(YAMLTree.init) == tree, "\(style):\n\(yaml)")
        }
    }
}
