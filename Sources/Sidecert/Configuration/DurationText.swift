import SidecertShell

/// Durations as users write them on the command line: `90`, `30s`, `5m`, `1h30m`, `500ms`, `2d`.
package enum DurationText {
    /// Parses `text`; a bare number means seconds. The error names `source` (the flag, variable or file line).
    package static func parse(_ text: String, source: SettingOrigin) throws(SidecertError) -> Duration {
        let trimmed = text.trimmingWhitespace().lowercased()
        if let seconds = Double(trimmed), seconds >= 0, seconds.isFinite {
            return .milliseconds(Int64(seconds * 1000))
        }
        var total: Duration = .zero
        var number = ""
        var unit = ""
        var sawComponent = false
        func flush() throws(SidecertError) {
            guard let value = Int64(number), !unit.isEmpty else { throw invalid(text, source) }
            switch unit {
            case "ms": total += .milliseconds(value)
            case "s": total += .seconds(value)
            case "m": total += .seconds(value * 60)
            case "h": total += .seconds(value * 3600)
            case "d": total += .seconds(value * 86400)
            default: throw invalid(text, source)
            }
            number = ""
            unit = ""
            sawComponent = true
        }
        for character in trimmed {
            if character.isASCII, character.isNumber {
                if !unit.isEmpty { try flush() }
                number.append(character)
            } else if character.isASCII, character.isLetter, !number.isEmpty {
                unit.append(character)
            } else {
                throw invalid(text, source)
            }
        }
        try flush()
        guard sawComponent else { throw invalid(text, source) }
        return total
    }

    private static func invalid(_ text: String, _ source: SettingOrigin) -> SidecertError {
        .badInput("\(source.quoting(text)) is not a duration", hint: "write it like 90s, 5m, 1h30m or 500ms")
    }
}
