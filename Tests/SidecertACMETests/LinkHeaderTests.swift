import Foundation
import Testing

@testable import SidecertACME

@Suite struct LinkHeaderTests {
    static let base = URL(string: "https://ca.test/acme/cert/abc")!

    @Test func severalLinksInOneHeader() {
        let links = LinkHeader.parse(
            [#"<https://ca.test/acme/cert/abc/1>;rel="alternate", <https://ca.test/issuer>; rel=up"#],
            relativeTo: Self.base
        )
        #expect(links.map(\.url.absoluteString) == ["https://ca.test/acme/cert/abc/1", "https://ca.test/issuer"])
        #expect(links.map(\.relations) == [["alternate"], ["up"]])
    }

    @Test func severalHeadersKeepTheirOrder() {
        let response = ACMEHTTPResponse(
            status: 200,
            headers: [
                (name: "Link", value: #"</acme/cert/abc/1>;rel="alternate""#),
                (name: "Replay-Nonce", value: "n"),
                (name: "link", value: #"</acme/cert/abc/2>;rel="alternate", </directory>;rel="index""#),
            ]
        )
        let urls = LinkHeader.urls(withRelation: "alternate", in: response, requestURL: Self.base)
        #expect(urls.map(\.absoluteString) == ["https://ca.test/acme/cert/abc/1", "https://ca.test/acme/cert/abc/2"])
        #expect(
            LinkHeader.urls(withRelation: "INDEX", in: response, requestURL: Self.base).map(\.absoluteString) == [
                "https://ca.test/directory"
            ]
        )
    }

    @Test func relativeReferencesResolveAgainstTheRequest() {
        let links = LinkHeader.parse(
            [#"<1>;rel=alternate, <../issuer>;rel=up, <//other.test/x>;rel=up"#],
            relativeTo: Self.base
        )
        #expect(
            links.map(\.url.absoluteString) == [
                "https://ca.test/acme/cert/1", "https://ca.test/acme/issuer", "https://other.test/x",
            ]
        )
    }

    @Test func commasAndSemicolonsInsideQuotesDoNotSplit() {
        let links = LinkHeader.parse(
            [#"<https://a.test/>; title="one, two; three"; rel="alternate", <https://b.test/>; rel=up"#],
            relativeTo: Self.base
        )
        #expect(links.count == 2)
        #expect(links.first?.parameters["title"] == "one, two; three")
        #expect(links.first?.relations == ["alternate"])
        #expect(links.last?.relations == ["up"])
    }

    @Test func oneRelCanNameSeveralRelations() {
        let links = LinkHeader.parse([#"<https://a.test/>; REL="Alternate  up""#], relativeTo: Self.base)
        #expect(links.first?.relations == ["alternate", "up"])
    }

    @Test func firstRelWinsAndEscapesAreUndone() {
        let links = LinkHeader.parse(
            [#"<https://a.test/>; rel=up; rel=alternate; title="say \"hi\"""#],
            relativeTo: Self.base
        )
        #expect(links.first?.relations == ["up"])
        #expect(links.first?.parameters["title"] == #"say "hi""#)
    }

    @Test func malformedLinksAreSkipped() {
        let links = LinkHeader.parse(
            [#"garbage, <https://ok.test/>;rel=up, <https://x.test/> junk;rel=up, <https://unterminated"#],
            relativeTo: Self.base
        )
        #expect(links.map(\.url.absoluteString) == ["https://ok.test/"])
        #expect(LinkHeader.parse(["", " , "], relativeTo: Self.base).isEmpty)
    }

    @Test func linkWithoutRel() {
        let links = LinkHeader.parse(["<https://a.test/>"], relativeTo: Self.base)
        #expect(links.first?.relations == [])
    }
}
