/// Random YAML trees from a seed (SplitMix64), for the round-trip property: text mixes plain-safe words
/// with every character YAML gives a meaning (indicators, quotes, `#`, `:`, blanks, control characters,
/// non-ASCII), so each style's quoting is exercised.
struct RandomTreeGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A tree at most `depth` collections deep, with up to four entries per collection and unique keys.
    mutating func tree(depth: Int) -> YAMLTree {
        guard depth > 0, below(3) != 0 else { return .text(text()) }
        let count = below(5)
        if below(2) == 0 {
            return .list((0..<count).map { _ in tree(depth: depth - 1) })
        }
        var keys: [String] = []
        while keys.count < count {
            let key = text()
            if !keys.contains(key) { keys.append(key) }
        }
        return .map(keys.map { YAMLTree.Entry(key: $0, value: tree(depth: depth - 1)) })
    }

    private static let words = ["a", "example.com", "rsa-2048", "x_1", "/certs", "é", "名前", "true", "a b"]
    private static let characters: [Character] = [
        " ", "-", ":", "#", ",", "[", "]", "{", "}", "'", "\"", "\\", "&", "*", "!", "|", ">", "%", "@", "`", "?", ".",
        "\t", "\n", "\r", "\u{0}", "\u{7}", "\u{7F}", "\u{85}", "\u{FEFF}", "\u{2028}", "😀", "é", "a", "1",
        "\u{650}",  // a combining mark: after a space or a quote it joins that Character
    ]

    /// Text of up to four pieces, each a word or a character, or nothing.
    private mutating func text() -> String {
        (0..<below(5)).map { _ in below(2) == 0 ? Self.words[below(Self.words.count)] : String(Self.characters[below(Self.characters.count)]) }
            .joined()
    }

    private mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
