/// The text form of names: `www.example.com`, `.` for the root, `\.` `\\` `\DDD` escapes.
extension DNSName {
    /// Parses a name in presentation form; a trailing dot is optional (every name is absolute).
    package init(_ text: String) throws(DNSError) {
        if text == "." {
            self = .root
            return
        }
        guard !text.isEmpty else {
            throw DNSError(code: .invalidName, message: "an empty string is not a domain name")
        }
        var labels: [[UInt8]] = []
        var current: [UInt8] = []
        var endedWithDot = false
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            endedWithDot = false
            switch byte {
            case UInt8(ascii: "."):
                guard !current.isEmpty else {
                    throw DNSError(code: .invalidName, message: "'\(text)' has an empty label (two dots in a row, or a leading dot)")
                }
                labels.append(current)
                current = []
                endedWithDot = true
            case UInt8(ascii: "\\"):
                guard let escaped = bytes.popFirst() else {
                    throw DNSError(code: .invalidName, message: "'\(text)' ends with a lone backslash")
                }
                if Self.isDigit(escaped) {
                    guard let second = bytes.popFirst(), let third = bytes.popFirst(), Self.isDigit(second), Self.isDigit(third)
                    else {
                        throw DNSError(code: .invalidName, message: "'\(text)' has a \\DDD escape without three digits")
                    }
                    let value = Int(escaped - 48) * 100 + Int(second - 48) * 10 + Int(third - 48)
                    guard value <= 255 else {
                        throw DNSError(code: .invalidName, message: "'\(text)' has an escape \\\(value) above 255")
                    }
                    current.append(UInt8(value))
                } else {
                    current.append(escaped)
                }
            default:
                current.append(byte)
            }
        }
        if !current.isEmpty {
            labels.append(current)
        } else if !endedWithDot {
            throw DNSError(code: .invalidName, message: "'\(text)' is not a domain name")
        }
        try self.init(labels: labels)
    }

    /// The presentation form without the trailing dot (`www.example.com`), `.` for the root.
    package var description: String {
        isRoot ? "." : labels.map(Self.presentation(of:)).joined(separator: ".")
    }

    /// The presentation form with the trailing dot (`www.example.com.`), as zone files and dig show it.
    package var fullyQualifiedText: String {
        isRoot ? "." : description + "."
    }

    static func presentation(of label: [UInt8]) -> String {
        var text = ""
        for byte in label {
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "\\"):
                text += "\\" + String(UnicodeScalar(byte))
            case 0x21...0x7E:
                text.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let digits = String(byte)
                text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return text
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
