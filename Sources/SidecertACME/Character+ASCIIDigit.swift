extension Character {
    /// Only 0–9, alone: `Int("+5")`, Unicode digits and a digit with a combining mark (`7` + U+0737, which
    /// sorts between "0" and "9") must not pass for HTTP numbers. The last one crashed the HTTP-date parser
    /// (found by the RetryAfter fuzz target).
    var isASCIIDigit: Bool {
        asciiValue.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false
    }
}
