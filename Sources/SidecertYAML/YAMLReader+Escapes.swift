/// The escapes of double-quoted YAML text (YAML 1.2, 5.7), each checked: an unknown escape or a code that is
/// no Unicode character is refused, never kept as written.
extension YAMLReader {
    /// Reads the escape after a `\` and appends the character it stands for, as UTF-8.
    mutating func appendEscape(to text: inout [UInt8]) throws(YAMLError) {
        guard let letter = cursor.current, letter != .newline else {
            throw YAMLError(.unsupported, line: cursor.line, "a '\\' at the end of a line (text continued on the next line) is not supported")
        }
        cursor.advance()
        let code: UInt32
        switch letter {
        case UInt8(ascii: "0"): code = 0
        case UInt8(ascii: "a"): code = 0x07
        case UInt8(ascii: "b"): code = 0x08
        case UInt8(ascii: "t"), UInt8(ascii: "\t"): code = 0x09
        case UInt8(ascii: "n"): code = 0x0A
        case UInt8(ascii: "v"): code = 0x0B
        case UInt8(ascii: "f"): code = 0x0C
        case UInt8(ascii: "r"): code = 0x0D
        case UInt8(ascii: "e"): code = 0x1B
        case UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): code = UInt32(letter)
        case UInt8(ascii: "N"): code = 0x85
        case UInt8(ascii: "_"): code = 0xA0
        case UInt8(ascii: "L"): code = 0x2028
        case UInt8(ascii: "P"): code = 0x2029
        case UInt8(ascii: "x"): code = try hexadecimal(digits: 2)
        case UInt8(ascii: "u"): code = try hexadecimal(digits: 4)
        case UInt8(ascii: "U"): code = try hexadecimal(digits: 8)
        default:
            throw YAMLError(.malformed, line: cursor.line, "unknown escape '\\' followed by \(letter.yamlDescription) in double quotes")
        }
        guard let scalar = Unicode.Scalar(code) else {
            throw YAMLError(.malformed, line: cursor.line, "the escape for U+\(String(code, radix: 16, uppercase: true)) names no Unicode character")
        }
        text.append(contentsOf: String(scalar).utf8)
    }

    /// `digits` hexadecimal digits, as a number.
    private mutating func hexadecimal(digits: Int) throws(YAMLError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let byte = cursor.current, let digit = Int(String(Unicode.Scalar(byte)), radix: 16) else {
                throw YAMLError(.malformed, line: cursor.line, "an escape needs \(digits) hexadecimal digits")
            }
            value = value << 4 | UInt32(digit)
            cursor.advance()
        }
        return value
    }
}
