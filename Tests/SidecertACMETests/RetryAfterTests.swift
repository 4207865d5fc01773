import Foundation
import Testing

@testable import SidecertACME

@Suite struct RetryAfterTests {
    /// 1994-11-06T08:49:37Z, the RFC 9110 example date.
    static let exampleDate = Date(timeIntervalSince1970: 784_111_777)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [("0", 0.0), ("120", 120), (" 3600 ", 3600), ("86400", 86_400)])
    func delaySeconds(value: String, seconds: TimeInterval) {
        #expect(RetryAfter.date(from: value, now: Self.now) == Self.now.addingTimeInterval(seconds))
    }

    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ])
    func httpDates(value: String) {
        #expect(RetryAfter.date(from: value, now: Self.now) == Self.exampleDate)
    }

    @Test(arguments: [
        nil, "", "-5", "+5", "1.5", "soon", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT", "Sun, 6 Nov 1994 08:49:37 GMT", "١٢٠",
        // Found by the RetryAfter fuzz target: a digit with a combining mark passed for a digit; the first
        // crashed the HTTP-date parser, the second was read as a century.
        "Sun, 06 Nov 1994 7\u{737}7\u{737}:49:37 GMT", "1\u{737}",
    ])
    func garbageIsNil(value: String?) {
        #expect(RetryAfter.date(from: value, now: Self.now) == nil)
    }

    @Test func hugeDelaysSaturate() throws {
        let date = try #require(RetryAfter.date(from: "99999999999999999999999", now: Self.now))
        #expect(date > Self.now.addingTimeInterval(50 * 365 * 86_400))
    }

    @Test func rfc850YearsBefore70AreThisCentury() {
        #expect(HTTPDate.parse("Thursday, 01-Jan-26 00:00:00 GMT") == Date(timeIntervalSince1970: 1_767_225_600))
        #expect(HTTPDate.parse("Thursday, 01-Jan-70 00:00:00 GMT") == Date(timeIntervalSince1970: 0))
    }
}
