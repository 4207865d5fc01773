// libFuzzer target: the `Retry-After` parser (delay-seconds or an HTTP-date in any of RFC 9110's three forms),
// whose answer becomes the fleet's backoff in the ledger. Build and run with `scripts/fuzz RetryAfter SECONDS`.
//
// Besides "never traps": delay-seconds never lands before now nor more than a century after it, and an
// HTTP-date that parses prints as an IMF-fixdate that parses to the same moment.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRetryAfter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    guard let date = RetryAfter.date(from: text, now: now) else { return 0 }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.allSatisfy(\.isASCIIDigit) {
        guard date >= now, date.timeIntervalSince(now) <= 100 * 365 * 86_400 else { fatalError("'\(text)' is \(date), now being \(now)") }
        return 0
    }
    // Years before 1900 print differently in Foundation's Gregorian calendar (proleptic, year 0): not our concern.
    guard date >= Date(timeIntervalSince1970: -2_208_988_800) else { return 0 }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    let printed = formatter.string(from: date)
    guard let again = HTTPDate.parse(printed), abs(again.timeIntervalSince(date)) < 1 else {
        fatalError("'\(text)' is \(date), printed '\(printed)', which does not parse back")
    }
    return 0
}
