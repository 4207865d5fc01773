import SidecertYAML
import Testing

/// What the reader reads: each form the README's certificates file, compose files and Kubernetes
/// ConfigMaps use, as the tree it must give.
struct YAMLReaderTreeTests {
    static let kubernetesPod = """
        spec:
          containers:
          - name: sidecert
            args: ["run", "--storage", "/certs"]
            env:
            - name: SIDECERT_DOMAINS
              value: "a.example.com,b.example.com"
            - {name: SIDECERT_KEY_TYPE, value: rsa-2048}
        """

    /// Each case: the document, and the tree it reads as (nil: an empty document).
    static let cases: [(yaml: String, tree: YAMLTree?)] = [
        (
            """
            defaults:                 # optional: any per-certificate setting
              key-type: ecdsa-p256
            certificates:
              - domains: [shop.example.com, www.shop.example.com]
                key-type: ecdsa-p256,rsa-2048
              - cert-name: blog
                domains: [blog.example.com]
                required-usage: [clientAuth]
            """,
            [
                "defaults": ["key-type": "ecdsa-p256"],
                "certificates": [
                    ["domains": ["shop.example.com", "www.shop.example.com"], "key-type": "ecdsa-p256,rsa-2048"],
                    ["cert-name": "blog", "domains": ["blog.example.com"], "required-usage": ["clientAuth"]],
                ],
            ]
        ),
        ("key:\n- a\n- b\nnext: c\n", ["key": ["a", "b"], "next": "c"]),
        ("a:\n    b:\n      - c\n    d: e\n", ["a": ["b": ["c"], "d": "e"]]),
        ("- - a\n  - b\n- c\n", [["a", "b"], "c"]),
        ("- a: 1\n  b: 2\n- c: 3\n", [["a": "1", "b": "2"], ["c": "3"]]),
        ("-\n  a: 1\n-\n  - x\n", [["a": "1"], ["x"]]),
        ("{domains: [a, b], key-type: rsa-2048}\n", ["domains": ["a", "b"], "key-type": "rsa-2048"]),
        ("domains: [a.example.com,   # the shop\n          b.example.com,\n]\n", ["domains": ["a.example.com", "b.example.com"]]),
        ("{\"a\":\"b\",\"c\":[1,2],'d':{}}", ["a": "b", "c": ["1", "2"], "d": [:]]),
        ("{a: , b: c}\n", ["a": "", "b": "c"]),
        (
            "a: 'it''s'\nb: \"\\t\\u00e9\\x41\\U0001F600\\N\\_\\L\\P\\/ \\\\ \\\" \\0\\e\"\n",
            [
                "a": "it's", "b": "\t\u{E9}A\u{1F600}\u{85}\u{A0}\u{2028}\u{2029}/ \\ \" \0\u{1B}",
            ]
        ),
        ("# top\na: b # trailing\n\n   \n    # an indented comment\nc: d#not-a-comment\n", ["a": "b", "c": "d#not-a-comment"]),
        ("---\na: b\n...\n", ["a": "b"]),
        ("\u{FEFF}--- # start\r\na: b\r\nc:\r\n  - d\r\n... # end\r\n", ["a": "b", "c": ["d"]]),
        ("a:\nb: ~\nc: \"\"\nd: ''\ne:   # nothing\n", ["a": "", "b": "~", "c": "", "d": "", "e": ""]),
        ("url: http://example.com:8080/x\ntime: 12:30\nport: :443\n", ["url": "http://example.com:8080/x", "time": "12:30", "port": ":443"]),
        ("- -1\n- -x\n- ?x\n- a b  c   \n- true\n", ["-1", "-x", "?x", "a b  c", "true"]),
        ("\"a b\": 1\n'c': 2\n\"\": 3\n", ["a b": "1", "c": "2", "": "3"]),
        // A quote followed by a combining mark: one Character, still a quote (found by the fuzz target).
        ("a: \"'\u{339}\"\nb: '''\u{339}'\n", ["a": "'\u{339}", "b": "'\u{339}"]),
        // A value starting with a combining mark, which joins the indentation's last space (found by the fuzz
        // target: the renderer's flow lines dropped it with the space).
        ("a: {b: \u{650}e ist}\n", ["a": ["b": "\u{650}e ist"]]),
        ("just text\n", "just text"),
        ("[a, [b, {c: d}]]\n", ["a", ["b", ["c": "d"]]]),
        ("a:\n  -\n  - x\n", ["a": ["", "x"]]),
        ("  a: 1\n  b: 2\n", ["a": "1", "b": "2"]),
        ("a:\tb\nc:\t[d,\te]   \t# tabs between tokens\n", ["a": "b", "c": ["d", "e"]]),
        (
            kubernetesPod,
            [
                "spec": [
                    "containers": [
                        [
                            "name": "sidecert", "args": ["run", "--storage", "/certs"],
                            "env": [
                                ["name": "SIDECERT_DOMAINS", "value": "a.example.com,b.example.com"],
                                ["name": "SIDECERT_KEY_TYPE", "value": "rsa-2048"],
                            ],
                        ]
                    ]
                ]
            ]
        ),
        ("", nil),
        ("# only a comment\n\n", nil),
        ("---\n", nil),
        ("--- # nothing\n...\n", nil),
    ]

    @Test("a document reads as its tree", arguments: 0..<cases.count)
    func reads(index: Int) throws {
        let (yaml, expected) = Self.cases[index]
        let root = try YAMLReader.read(yaml)
        #expect(root.map(YAMLTree.init) == expected, "\(yaml.debugDescription)")
    }
}
