import Testing

@testable import Sidecert

@Suite("Names on certificates: validation, IDNA, IP addresses")
struct CertificateNameTests {
    @Test(
        "normalizes what users type",
        arguments: [
            ("Example.COM", "example.com"),
            ("www.example.com.", "www.example.com"),
            ("*.Example.com", "*.example.com"),
            ("bücher.example", "xn--bcher-kva.example"),
            ("BÜCHER.example", "xn--bcher-kva.example"),
            ("münchen.de", "xn--mnchen-3ya.de"),
            ("例え.テスト", "xn--r8jz45g.xn--zckzah"),
            ("中文.example", "xn--fiq228c.example"),
            ("xn--bcher-kva.example", "xn--bcher-kva.example"),
            ("XN--BCHER-KVA.Example", "xn--bcher-kva.example"),
            ("a-b--c.example", "a-b--c.example"),
            ("host1.example2.com", "host1.example2.com"),
            ("localhost", "localhost"),
            (" padded.example.com ", "padded.example.com"),
        ])
    func normalizesDNSNames(input: String, expected: String) throws {
        let name = try CertificateName(parsing: input)
        #expect(name.kind == .dns)
        #expect(name.value == expected)
    }

    @Test(
        "puts IP addresses in canonical form",
        arguments: [
            ("127.0.0.1", "127.0.0.1"),
            ("::0001", "::1"),
            ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
            ("192.168.1.10", "192.168.1.10"),
        ])
    func canonicalIPAddresses(input: String, expected: String) throws {
        let name = try CertificateName(parsing: input)
        #expect(name.kind == .ipAddress)
        #expect(name.value == expected)
    }

    @Test(
        "refuses names no CA would put on a certificate",
        arguments: [
            "", "a..example.com", ".example.com", "-a.example.com", "a-.example.com", "a_b.example.com",
            "exa mple.com", "*.*.example.com", "a.*.example.com", "*example.com", "*.com",
            "ex!ample.com", "a/b.example.com", String(repeating: "a", count: 64) + ".example.com",
            (0..<30).map { _ in "abcdefghi" }.joined(separator: "."), "bü cher.example", "☃.example", "1.2.3.4.5/24",
            "1.2.3.4.5", "host.123", "*.example.42", "xn--zz.example.com", "xn--.example.com", "xn--abc-.example",
            "xn--a.example", "ab--cd.example.com",
        ])
    func refusesInvalidNames(input: String) {
        #expect(throws: SidecertError.self) { try CertificateName(parsing: input) }
        do {
            _ = try CertificateName(parsing: input)
        } catch {
            #expect(error.code == .badInput)
            #expect(error.message.contains("--domain"))
        }
    }

    @Test(
        "decodes Punycode as RFC 3492 encodes it, and refuses what is not its output",
        arguments: [("bcher-kva", "bücher"), ("mnchen-3ya", "münchen"), ("r8jz45g", "例え"), ("zckzah", "テスト")])
    func punycodeRoundTrip(encoded: String, decoded: String) throws {
        let scalars = try #require(Punycode.decode(encoded))
        #expect(String(String.UnicodeScalarView(scalars)) == decoded)
        #expect(Punycode.encode(scalars) == encoded)
    }

    @Test("Punycode decoding fails on bad digits, truncation and overflow, never traps")
    func punycodeRefusals() {
        for text in ["zz", "a!b", "99999999999", "bcher-kv€", String(repeating: "9", count: 200)] {
            #expect(Punycode.decode(text) == nil, "\(text)")
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcxyz0189-")
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            if let scalars = Punycode.decode(text), let again = Punycode.encode(scalars) {
                #expect(Punycode.decode(again) == scalars, "\(text)")
            }
        }
    }

    @Test(
        "knows which names only the embedded local CA can certify",
        arguments: [
            ("localhost", true), ("app.localhost", true), ("*.localhost", true), ("db.internal", true),
            ("printer.home.arpa", true), ("127.0.0.1", true), ("10.1.2.3", true), ("172.20.0.1", true),
            ("192.168.0.1", true), ("::1", true), ("fd00::1", true), ("example.com", false),
            ("internal.example.com", false), ("8.8.8.8", false), ("2001:db8::1", false), ("172.32.0.1", false),
        ])
    func internalNames(input: String, internalOnly: Bool) throws {
        #expect(try CertificateName(parsing: input).isInternalOnly == internalOnly)
    }

    @Test("a name set sorts, de-duplicates, splits commas and caps at 100 names")
    func nameSets() throws {
        let set = try CertificateNameSet(parsing: ["b.example.com,A.example.com", "a.example.com"])
        #expect(set.names.map(\.value) == ["a.example.com", "b.example.com"])
        let hundred = (0..<100).map { "n\($0).example.com" }
        #expect(try CertificateNameSet(parsing: hundred).names.count == 100)
        #expect(throws: SidecertError.self) { try CertificateNameSet(parsing: hundred + ["one-more.example.com"]) }
        #expect(throws: SidecertError.self) { try CertificateNameSet(parsing: []) }
    }

    @Test(
        "derives the default --cert-name from the first domain",
        arguments: [
            ("*.Example.com", "_wildcard.example.com"), ("www.example.com", "www.example.com"), ("::1", "__1"),
            ("bücher.example", "xn--bcher-kva.example"),
        ])
    func defaultCertName(first: String, expected: String) {
        #expect(CertificateNameSet.defaultCertName(firstDomain: first) == expected)
    }
}
