extension Character {
    /// Only 0–9: `Int("+5")` and Unicode digits must not pass for HTTP numbers.
    var isASCIIDigit: Bool {
        ("0"..."9").contains(self)
    }
}
