#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Parses the HTTP-date format (RFC 9110 §5.6.7), for `Retry-After`.
///
/// Accepts the preferred IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and, as recipients must, the obsolete
/// RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`) forms. Hand-written
/// rather than a `DateFormatter` so it is exact, locale-free and cheap.
enum HTTPDate {
    /// The date, or `nil` if the text is not an HTTP-date.
    static func parse(_ text: String) -> Date? {
        let fields = text.split(separator: " ").map(String.init)
        switch fields.count {
        case 6 where isWeekday(fields[0], comma: true, long: false) && fields[5] == "GMT":
            return date(day: fields[1], month: fields[2], year: fields[3], time: fields[4], dayDigits: 2...2)
        case 4 where isWeekday(fields[0], comma: true, long: true) && fields[3] == "GMT":
            let parts = fields[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, parts[2].count == 2, let shortYear = Int(parts[2]) else { return nil }
            // RFC 9110: a two-digit year more than 50 years ahead is in the past century.
            let year = String(shortYear < 70 ? 2000 + shortYear : 1900 + shortYear)
            return date(day: parts[0], month: parts[1], year: year, time: fields[2], dayDigits: 2...2)
        case 5 where isWeekday(fields[0], comma: false, long: false):
            return date(day: fields[2], month: fields[1], year: fields[4], time: fields[3], dayDigits: 1...2)
        default:
            return nil
        }
    }

    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let longWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func isWeekday(_ field: String, comma: Bool, long: Bool) -> Bool {
        guard field.hasSuffix(",") == comma else { return false }
        let name = comma ? String(field.dropLast()) : field
        return (long ? longWeekdays : weekdays).contains(name)
    }

    private static func date(
        day: String,
        month: String,
        year: String,
        time: String,
        dayDigits: ClosedRange<Int>
    ) -> Date? {
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard dayDigits.contains(day.count), year.count == 4, clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
            let monthIndex = months.firstIndex(of: month)
        else { return nil }
        let numbers = [day, year, String(clock[0]), String(clock[1]), String(clock[2])]
        guard numbers.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let values = numbers.compactMap { Int($0) }
        guard values.count == numbers.count else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = DateComponents(
            calendar: calendar,
            year: values[1],
            month: monthIndex + 1,
            day: values[0],
            hour: values[2],
            minute: values[3],
            second: values[4]
        )
        guard values[2] < 24, values[3] < 60, values[4] <= 60, components.isValidDate else { return nil }
        return components.date
    }
}
