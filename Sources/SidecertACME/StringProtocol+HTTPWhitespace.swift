extension StringProtocol {
    /// A header value without the optional whitespace HTTP allows around it (RFC 9110 §5.6.3: spaces and
    /// horizontal tabs), as `Retry-After` and `Replay-Nonce` are read; anything else at the ends is part of
    /// the value and makes it malformed.
    func trimmingHTTPWhitespace() -> String {
        let isOptionalWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isOptionalWhitespace($0) }),
            let last = lastIndex(where: { !isOptionalWhitespace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
