/// The syntax of DNS names on certificates (RFC 1035 LDH labels, RFC 5890 IDNA A-labels, one leading
/// `*` label for wildcards), and the normalization of what users type into that form.
enum DomainNameSyntax {
    static let maximumLength = 253
    static let maximumLabelLength = 63

    /// Lowercases, IDNA-encodes and checks `input`; the error names the name and what is wrong with it.
    static func normalize(_ input: String) throws(SidecertError) -> String {
        var name = input
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var encoded: [String] = []
        for (index, label) in labels.enumerated() {
            if label == "*" {
                // `*.localhost` and `*.internal` are fine for the embedded CA; elsewhere a wildcard needs a
                // registrable domain under it, which no public suffix is.
                let base = labels.dropFirst().joined(separator: ".").lowercased()
                guard index == 0, labels.count > 2 || ["localhost", "internal"].contains(base) else {
                    throw invalid(input, "a wildcard must be the whole leftmost label of a name with at least two more labels, as in *.example.com")
                }
                encoded.append(label)
                continue
            }
            encoded.append(try encodeLabel(label, in: input))
        }
        if let last = encoded.last, last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            // RFC 1123 §2.1 and RFC 3696 §2: no top-level domain is all digits, so this can only be a
            // mistyped address; the CA would refuse it and count a failed order.
            throw invalid(input, "its last label '\(last)' is all digits: no top-level domain is (an IP address has four parts, as in 192.0.2.1)")
        }
        let result = encoded.joined(separator: ".")
        guard result.utf8.count <= maximumLength else {
            throw invalid(input, "it is longer than \(maximumLength) characters")
        }
        return result
    }

    private static func encodeLabel(_ label: String, in input: String) throws(SidecertError) -> String {
        guard !label.isEmpty else { throw invalid(input, "it has an empty label (two dots in a row, or a leading dot)") }
        if label.contains("*") { throw invalid(input, "'*' may only stand alone as the leftmost label") }
        let ascii: String
        if label.unicodeScalars.allSatisfy(\.isASCII) {
            ascii = label.lowercased()
        } else {
            ascii = try aLabel(for: label, in: input)
        }
        guard ascii.utf8.count <= maximumLabelLength else {
            throw invalid(input, "the label '\(label)' is longer than \(maximumLabelLength) characters")
        }
        guard ascii.utf8.allSatisfy(isLDH) else {
            throw invalid(input, "the label '\(label)' has characters other than letters, digits and hyphens")
        }
        guard ascii.first != "-", ascii.last != "-" else {
            throw invalid(input, "the label '\(label)' starts or ends with a hyphen")
        }
        try checkReservedForm(ascii, label: label, in: input)
        return ascii
    }

    /// RFC 5890 §2.3.1: a label with `--` in its third and fourth characters is reserved; only `xn--`
    /// labels holding real Punycode of an IDNA label may be used (what CAs check, e.g. Let's Encrypt's
    /// "malformed punycode" and "R-LDH" refusals).
    private static func checkReservedForm(_ ascii: String, label: String, in input: String) throws(SidecertError) {
        let bytes = Array(ascii.utf8)
        guard bytes.count >= 4, bytes[2] == UInt8(ascii: "-"), bytes[3] == UInt8(ascii: "-") else { return }
        guard ascii.hasPrefix("xn--") else {
            throw invalid(input, "the label '\(label)' has '--' as its third and fourth characters, a form reserved for xn-- (IDNA) labels")
        }
        let encoded = String(ascii.dropFirst(4))
        guard let scalars = Punycode.decode(encoded), scalars.contains(where: { !$0.isASCII }),
            scalars.allSatisfy({ $0.isASCII ? isLDH(UInt8($0.value)) : isAllowedInIDN($0) }),
            Punycode.encode(scalars) == encoded
        else {
            throw invalid(
                input,
                "the label '\(label)' is not valid punycode (an xn-- label must encode a Unicode name; type the name itself, as in bücher.example)")
        }
    }

    /// The IDNA A-label of a Unicode label: lowercased and Punycode-encoded behind `xn--`.
    private static func aLabel(for label: String, in input: String) throws(SidecertError) -> String {
        let scalars = Array(label.lowercased().unicodeScalars)
        for scalar in scalars where !scalar.isASCII && !isAllowedInIDN(scalar) {
            throw invalid(input, "the character '\(scalar)' (U+\(String(scalar.value, radix: 16, uppercase: true))) is not allowed in a domain name")
        }
        guard let punycode = Punycode.encode(scalars) else { throw invalid(input, "the label '\(label)' cannot be IDNA-encoded") }
        return "xn--" + punycode
    }

    /// Letters, marks and digits: what IDNA2008 permits in labels, short of its full derived tables.
    private static func isAllowedInIDN(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .lowercaseLetter, .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    private static func isLDH(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }

    private static func invalid(_ input: String, _ reason: String) -> SidecertError {
        .badInput("is not a valid name: \(reason)")
    }
}
