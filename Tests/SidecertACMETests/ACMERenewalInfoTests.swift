import Foundation
import Testing

@testable import SidecertACME

/// Renewal information (RFC 9773) as CAs send it, and as they should not.
@Suite struct ACMERenewalInfoTests {
    static func decode(start: String, end: String) throws -> ACMERenewalInfo {
        try JSONDecoder().decode(ACMERenewalInfo.self, from: Data(#"{"suggestedWindow":{"start":"\#(start)","end":"\#(end)"}}"#.utf8))
    }

    @Test func timestampsWithAndWithoutFractionalSeconds() throws {
        let info = try Self.decode(start: "2026-12-01T00:00:00Z", end: "2026-12-03T00:00:00.250Z")
        #expect(info.suggestedWindowStart == Date(timeIntervalSince1970: 1_796_083_200))
        #expect(info.suggestedWindowEnd == Date(timeIntervalSince1970: 1_796_256_000.25))
    }

    // Found by the ACMEDocument fuzz target: ICU's ISO8601DateFormatter divided by zero (SIGFPE) on this.
    @Test func aLongFractionalPartDoesNotCrash() {
        _ = try? Self.decode(start: "2026-12-01T00:00:00Z", end: "2026-12-03T00:00:00.12" + String(repeating: "1", count: 34) + "3456Z")
    }

    @Test(arguments: ["2026-12-01", "2026-12-01 00:00:00Z", "yesterday", ""])
    func notRFC3339IsRefused(text: String) {
        #expect(throws: DecodingError.self) { try Self.decode(start: text, end: "2026-12-03T00:00:00Z") }
    }
}
