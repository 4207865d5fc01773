import Foundation
import SidecertTestSupport
import SidecertVolume
import Testing

@testable import Sidecert

/// The certificates file: the flags' long names as keys, entries over `defaults` over the command line,
/// and every mistake refused with the file and the line.
struct CertificatesFileTests {
    let directory: String

    init() throws {
        directory = try TemporaryDirectory.make(prefix: "certificates-file")
    }

    func write(_ text: String) throws -> String {
        let path = "\(directory)/certificates.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func specs(_ text: String, commandLine: Settings = Settings(layers: [])) throws -> [CertificateSpec] {
        try CertificatesFile.load(path: try write(text)).specs(over: commandLine)
    }

    @Test func theIssuesExampleReadsAsTwoCertificates() throws {
        let specs = try specs(
            """
            defaults:                 # optional: any per-certificate flag of `ensure`
              key-type: ecdsa-p256
              challenge: http-01
              directory: internal
            certificates:
              - domains: [shop.internal, www.shop.internal]    # cert-name defaults as with --domain
                key-type: ecdsa-p256,rsa-2048
              - cert-name: blog
                domains: [blog.internal]
                required-usage: [clientAuth]
            """)
        #expect(specs.map(\.request.certName) == ["shop.internal", "blog"])
        #expect(specs[0].request.names.values == ["shop.internal", "www.shop.internal"])
        #expect(specs[0].request.keyTypes == [.ecdsaP256, .rsa2048])
        #expect(specs[1].request.keyTypes == [.ecdsaP256])
        #expect(specs[1].request.requiredUsages == [.clientAuth])
    }

    @Test func anEntryWinsOverDefaultsWhichWinOverTheCommandLine() throws {
        var flags = SettingLayer()
        flags.flag(.keyType, ["rsa-4096"])
        flags.flag(.directory, "internal")
        let commandLine = Settings(layers: [flags])
        let specs = try specs(
            """
            defaults:
              key-type: ecdsa-p384
            certificates:
              - domains: a.internal
              - domains: b.internal
                key-type: rsa-2048
            """, commandLine: commandLine)
        #expect(specs.map(\.request.keyType) == [.ecdsaP384, .rsa2048])
        let fromFlags = try self.specs("certificates:\n  - domains: [c.internal]\n", commandLine: commandLine)
        #expect(fromFlags.map(\.request.keyType) == [.rsa4096], "what the file leaves out comes from the flags")
    }

    /// The same two certificates as YAML users write it: lists at their key's column, flow mappings, quotes,
    /// comments, `---`/`...`, CRLF and a byte order mark all read alike.
    @Test(arguments: [
        "certificates:\n- domains:\n  - shop.internal\n  - www.shop.internal\n  key-type: [ecdsa-p256, rsa-2048]\n"
            + "- cert-name: blog\n  domains: blog.internal\n",
        "certificates: [{domains: [shop.internal, www.shop.internal], key-type: 'ecdsa-p256,rsa-2048'},\n"
            + "  {cert-name: \"blog\", domains: [blog.internal]}]\n",
        "\u{FEFF}--- # the fleet's certificates\r\ncertificates:\r\n"
            + "    -   domains: [\"shop.internal\", 'www.shop.internal']   # the shop\r\n        key-type: ecdsa-p256,rsa-2048\r\n\r\n"
            + "    -   cert-name: blog\r\n        domains: [blog.internal,]\r\n...\r\n",
    ])
    func otherYAMLStylesReadAlike(file: String) throws {
        let specs = try specs(file, commandLine: Settings(layers: [Self.internalCA]))
        #expect(specs.map(\.request.certName) == ["shop.internal", "blog"])
        #expect(specs.map(\.request.names.values) == [["shop.internal", "www.shop.internal"], ["blog.internal"]])
        #expect(specs.map(\.request.keyTypes) == [[.ecdsaP256, .rsa2048], [.ecdsaP256]])
    }

    /// Each case: the file, and what the message must say (the line included).
    static let refusals: [(file: String, expected: String)] = [
        ("certificates:\n  - domains: [a.internal]\n    colour: blue\n", "certificates.yaml:3: unknown key 'colour'"),
        (
            "certificates:\n  - domains: [a.internal]\n  - domains: [a.internal]\n",
            "certificates.yaml:3: a second entry for the certificate of line 2"
        ),
        (
            "certificates:\n  - cert-name: shop\n    domains: [a.internal]\n  - cert-name: shop\n    domains: [b.internal]\n",
            "certificates.yaml:4: names 'shop' as the entry of line 2 does, for other domains"
        ),
        ("certificates:\n  - domains: ['*.example.com']\n    directory: https://ca.example/dir\n    challenge: http-01\n", "wildcard"),
        ("certificates:\n  - domains: [a.internal]\n    key-type: dsa-1024\n", "certificates.yaml:3: key-type 'dsa-1024' is not a key type"),
        ("certificates: [a, b\n", "is not YAML"),
        ("certificates:\n  - domains: [a..internal]\n", "certificates.yaml:2: domains 'a..internal' is not a valid name"),
        ("certificates:\n  - cert-name: x\n", "certificates.yaml:2: no --domain given"),
        ("defaults:\n  storage: /tmp\ncertificates:\n  - domains: [a.internal]\n", "certificates.yaml:2: unknown key 'storage'"),
        ("certificate:\n  - domains: [a.internal]\n", "unknown section 'certificate'"),
        ("certificates: []\n", "lists no certificates"),
        ("certificates:\n  - domains: [a.internal]\n    profile: [a, b]\n", "'profile' takes one value"),
        ("certificates:\n  - domains: [a.internal]\n    domains: [b.internal]\n", "'domains' given twice"),
        ("just text\n", "holds no certificates"),
        // YAML the reader does not support, refused at file:line with what to write instead.
        (
            "defaults: &shared\n  key-type: rsa-2048\ncertificates:\n  - domains: [a.internal]\n",
            "certificates.yaml:1: anchors (&name) are not supported"
        ),
        ("certificates:\n  - domains: [a.internal]\n    key-type: *type\n", "certificates.yaml:3: aliases (*name) are not supported"),
        ("certificates:\n  - domains: !!seq [a.internal]\n", "certificates.yaml:2: tags (!tag) are not supported"),
        (
            "certificates:\n  - domains: [a.internal]\n    key-type: >\n      rsa-2048\n",
            "certificates.yaml:3: block scalars ('|' and '>') are not supported"
        ),
        ("certificates:\n  - domains: [a.internal]\n---\ncertificates:\n  - domains: [b.internal]\n", "certificates.yaml:3: a second document"),
        ("certificates:\n\t- domains: [a.internal]\n", "certificates.yaml:2: a tab in the indentation"),
        ("certificates:\n  - domains: a.internal,\n      b.internal\n", "certificates.yaml:3: this line is indented deeper than the lines before it"),
        ("certificates:\n  - domains: [a.internal]\n    profile: 'short\n      lived'\n", "certificates.yaml:3: a quoted value must end on its line"),
        (
            "certificates:\n  - {domains: [a.internal], domains: [b.internal]}\n",
            "certificates.yaml:2: 'domains' given twice in one mapping (first on line 2)"
        ),
        ("certificates:\n  - domains: [a.internal}\n", "is not YAML: line 2:"),
    ]

    @Test("a bad certificates file is refused with the file and the line", arguments: 0..<refusals.count)
    func refusal(index: Int) throws {
        let (file, expected) = Self.refusals[index]
        do {
            _ = try specs(file, commandLine: Settings(layers: [Self.internalCA]))
            Issue.record("accepted: \(file)")
        } catch let error as SidecertError {
            #expect(error.code == .badInput)
            #expect(error.message.contains(expected), "\(error.message)")
        } catch {
            Issue.record("not a SidecertError: \(error)")
        }
    }

    /// What `--certificates` may name that is no YAML file: read with a bound (a device never ends), and
    /// refused with the path and why.
    @Test(
        "a certificates path that is no readable file is refused with why",
        arguments: [
            ("/dev/zero", "is larger than 16 MiB"),
            ("/", "cannot be read (Is a directory)"),
            ("/nonexistent/certificates.yaml", "cannot be read (No such file or directory)"),
            ("binary", "is not UTF-8 text"),
        ])
    func unreadablePath(path: String, expected: String) throws {
        var path = path
        if path == "binary" {
            path = "\(directory)/binary.yaml"
            try Data([0x63, 0x65, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: path))
        }
        do {
            _ = try CertificatesFile.load(path: path)
            Issue.record("accepted: \(path)")
        } catch {
            #expect(error.code == .badInput)
            #expect(error.message.contains("--certificates \(path) \(expected)"), "\(error.message)")
        }
    }

    /// `--directory internal`, so no entry needs an ACME account.
    static let internalCA: SettingLayer = {
        var layer = SettingLayer()
        layer.flag(.directory, "internal")
        return layer
    }()
}
