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
