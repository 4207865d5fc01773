// libFuzzer target: the `Link` header parser (RFC 8288), which reads the certificate's alternate chains and
// `up` links from the CA's answer. Build and run with `scripts/fuzz LinkHeader SECONDS`.
//
// The input is one or more header values, one per line. Besides "never traps": every link found has an
// absolute URL and lowercase relations without spaces, and the values parsed together give the links of each
// value parsed alone, in order (one header never swallows the next).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLinkHeader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let values = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let base = URL(string: "https://ca.test/acme/cert/1")!
    let links = LinkHeader.parse(values, relativeTo: base)
    for link in links {
        guard link.url.scheme != nil else { fatalError("a relative URL was returned: \(link.url)") }
        guard link.relations.allSatisfy({ !$0.isEmpty && $0 == $0.lowercased() && !$0.contains(where: \.isWhitespace) }) else {
            fatalError("relations not normalized: \(link.relations)")
        }
    }
    guard links == values.flatMap({ LinkHeader.parse([$0], relativeTo: base) }) else {
        fatalError("parsing the values together differs from parsing each alone")
    }
    let response = ACMEHTTPResponse(status: 200, headers: values.map { (name: "Link", value: $0) })
    _ = LinkHeader.urls(withRelation: "alternate", in: response, requestURL: base)
    return 0
}
