#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Parses `Link` headers (RFC 8288): the certificate's alternate chains and the `up` links to issuers.
///
/// One header may carry several comma-separated links and a response may carry several headers; commas and
/// semicolons inside quoted parameter values do not split. Relative targets resolve against the request URL.
struct LinkHeader: Equatable {
    /// The absolute target URL.
    var url: URL
    /// The `rel` values, lowercased (one `rel` may list several, space-separated).
    var relations: [String]
    /// Every parameter by lowercased name, unquoted; the first occurrence wins, as RFC 8288 §3 requires.
    var parameters: [String: String]

    /// Every link in the given header values, in order. Malformed links are skipped.
    static func parse(_ headerValues: [String], relativeTo base: URL) -> [LinkHeader] {
        headerValues.flatMap { value in
            var scanner = Scanner(characters: Array(value))
            var links: [LinkHeader] = []
            while let link = scanner.nextLink(relativeTo: base) {
                links.append(contentsOf: link)
            }
            return links
        }
    }

    /// The targets of the links with the given relation (`"alternate"`, `"up"`) in a response.
    static func urls(withRelation relation: String, in response: ACMEHTTPResponse, requestURL: URL) -> [URL] {
        parse(response.values(forHeader: "Link"), relativeTo: requestURL)
            .filter { $0.relations.contains(relation.lowercased()) }
            .map(\.url)
    }

    /// A cursor over one header value.
    private struct Scanner {
        let characters: [Character]
        var index = 0

        init(characters: [Character]) {
            self.characters = characters
        }

        private var current: Character? {
            index < characters.count ? characters[index] : nil
        }

        private mutating func skip(while predicate: (Character) -> Bool) {
            while let character = current, predicate(character) { index += 1 }
        }

        private mutating func read(until stop: (Character) -> Bool) -> String {
            let start = index
            skip { !stop($0) }
            return String(characters[start..<index])
        }

        /// Skips the rest of a malformed link, up to and past the next comma outside quotes.
        private mutating func skipLink() {
            while let character = current, character != "," {
                if character == "\"" { _ = readQuoted() } else { index += 1 }
            }
            index += 1
        }

        /// A quoted-string starting at the opening quote, with backslash escapes undone.
        private mutating func readQuoted() -> String {
            index += 1
            var text = ""
            while let character = current, character != "\"" {
                if character == "\\", index + 1 < characters.count { index += 1 }
                text.append(characters[index])
                index += 1
            }
            index += 1
            return text
        }

        /// The next link: `[]` for a malformed one that was skipped, `nil` at the end of the value.
        mutating func nextLink(relativeTo base: URL) -> [LinkHeader]? {
            skip { $0 == "," || $0.isWhitespace }
            guard let first = current else { return nil }
            guard first == "<" else {
                skipLink()
                return []
            }
            index += 1
            let target = read { $0 == ">" }
            guard current == ">" else { return nil }
            index += 1
            var parameters: [String: String] = [:]
            while true {
                skip(while: \.isWhitespace)
                guard let separator = current, separator != "," else { break }
                guard separator == ";" else {
                    skipLink()
                    return []
                }
                index += 1
                skip(while: \.isWhitespace)
                let name = read { $0 == "=" || $0 == ";" || $0 == "," || $0.isWhitespace }.lowercased()
                skip(while: \.isWhitespace)
                var value = ""
                if current == "=" {
                    index += 1
                    skip(while: \.isWhitespace)
                    value = current == "\"" ? readQuoted() : read { $0 == ";" || $0 == "," || $0.isWhitespace }
                }
                if !name.isEmpty, parameters[name] == nil {
                    parameters[name] = value
                }
            }
            guard let url = URL(string: target, relativeTo: base)?.absoluteURL else { return [] }
            let relations = (parameters["rel"] ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(
                String.init
            )
            return [LinkHeader(url: url, relations: relations, parameters: parameters)]
        }
    }
}
