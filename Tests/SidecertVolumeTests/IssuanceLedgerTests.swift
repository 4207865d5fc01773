import Foundation
import Testing

@testable import SidecertVolume

struct IssuanceLedgerTests {
    let names: Set<String> = ["example.com", "www.example.com"]
    let minute: TimeInterval = 60
    let day: TimeInterval = 86_400

    func failures(_ count: Int, endingAt end: Date, spacing: TimeInterval = 1, retryAfter: Date? = nil) -> [IssuanceLedger.Attempt] {
        (0..<count).map { index in
            IssuanceLedger.Attempt(
                time: end.addingTimeInterval(-Double(count - 1 - index) * spacing),
                names: names,
                result: .failed,
                problemType: "urn:ietf:params:acme:error:connection",
                detail: "timeout",
                retryAfter: index == count - 1 ? retryAfter : nil
            )
        }
    }

    @Test(arguments: [(1, 60.0), (2, 600), (3, 6_000), (4, 86_400), (5, 86_400), (40, 86_400)])
    func backoffAfterConsecutiveFailures(count: Int, delay: TimeInterval) {
        let ledger = IssuanceLedger(attempts: failures(count, endingAt: referenceDate))
        let allowed = referenceDate.addingTimeInterval(delay)
        #expect(ledger.nextAttemptAllowed() == allowed)
        #expect(ledger.backoffReason(nextAllowed: allowed).contains("timeout"))
    }

    @Test func aSuccessResetsTheBackoff() {
        var ledger = IssuanceLedger(attempts: failures(3, endingAt: referenceDate))
        ledger.record(IssuanceLedger.Attempt(time: referenceDate + 1, names: names, result: .succeeded))
        #expect(ledger.nextAttemptAllowed() == nil)
        ledger.record(IssuanceLedger.Attempt(time: referenceDate + 2, names: names, result: .failed))
        #expect(ledger.nextAttemptAllowed() == referenceDate + 2 + minute)
    }

    @Test func aSingleInterruptionWaitsOnlyForTheLeaseButRepeatedOnesBackOff() {
        var ledger = IssuanceLedger()
        ledger.record(IssuanceLedger.Attempt(time: referenceDate, names: names, result: .started, directory: "https://ca.example/dir"))
        // The crashed holder's lease already held the fleet back; its successor may go at once.
        #expect(ledger.nextAttemptAllowed() == nil)
        #expect(ledger.consecutiveFailures == 1)
        // A second interruption (a crash loop) is a second failure: 10 minutes.
        ledger.record(IssuanceLedger.Attempt(time: referenceDate + 60, names: names, result: .started, directory: "https://ca.example/dir"))
        #expect(ledger.nextAttemptAllowed() == referenceDate + 60 + 10 * minute)
        // The same process finishing replaces its own `.started` entry, keeping the CA it ordered from.
        ledger.record(IssuanceLedger.Attempt(time: referenceDate + 65, names: names, result: .succeeded))
        #expect(ledger.attempts.map(\.result) == [.started, .succeeded])
        #expect(ledger.attempts.last?.directory == "https://ca.example/dir")
    }

    @Test func aLaterRetryAfterWins() {
        let retryAfter = referenceDate.addingTimeInterval(3 * 3_600)
        let ledger = IssuanceLedger(attempts: failures(1, endingAt: referenceDate, retryAfter: retryAfter))
        #expect(ledger.nextAttemptAllowed() == retryAfter)
    }

    @Test func anEarlierRetryAfterLoses() {
        let ledger = IssuanceLedger(attempts: failures(2, endingAt: referenceDate, retryAfter: referenceDate + 5))
        #expect(ledger.nextAttemptAllowed() == referenceDate + 600)
    }

    @Test func aLedgerWrittenBeforeLastChancesWereKeptStillLoads() throws {
        let old = #"{"attempts":[],"issued":[{"time":"2026-05-28T00:00:00.000Z","names":["example.com"],"serial":"01"}],"failedValidations":[]}"#
        let ledger = try VolumeJSON.decode(IssuanceLedger.self, from: Array(old.utf8))
        #expect(ledger.issued.map(\.serial) == ["01"])
        #expect(ledger.lastChances.isEmpty)
    }

    @Test func outcomesRecordAttemptsCertificatesAndValidations() {
        var ledger = IssuanceLedger()
        ledger.record(IssuanceLedger.Attempt(time: referenceDate, names: names, result: .started))
        ledger.recordFailure(
            names: names,
            problemType: "urn:ietf:params:acme:error:unauthorized",
            detail: "404 for the challenge file",
            retryAfter: nil,
            failedValidations: ["WWW.example.com"],
            now: referenceDate + 10
        )
        #expect(ledger.attempts.count == 1)
        #expect(ledger.consecutiveFailures == 1)
        #expect(ledger.lastFailure?.problemType == "urn:ietf:params:acme:error:unauthorized")
        #expect(ledger.failedValidations == [IssuanceLedger.FailedValidation(time: referenceDate + 10, name: "www.example.com")])
        ledger.recordSuccess(names: names, serial: "0abc", now: referenceDate + 700)
        #expect(ledger.consecutiveFailures == 0 && ledger.lastFailure == nil)
        #expect(ledger.issued.map(\.serial) == ["0abc"])
        #expect(ledger.attempts.map(\.result) == [.failed, .succeeded])
    }

    @Test func savesAndLoadsPruned() async throws {
        try await withTemporaryVolume { layout in
            let empty = try IssuanceLedger.load(layout: layout, name: "example.com")
            #expect(empty.ledger == IssuanceLedger() && empty.warning == nil)

            var ledger = IssuanceLedger()
            for index in 0..<8 {
                ledger.record(
                    IssuanceLedger.Attempt(time: referenceDate - Double(20 - index) * day, names: names, result: .failed, detail: "#\(index)"))
            }
            ledger.record(
                IssuanceLedger.Attempt(
                    time: referenceDate + 0.125,
                    names: names,
                    result: .failed,
                    problemType: "urn:ietf:params:acme:error:rateLimited",
                    detail: "too many",
                    retryAfter: referenceDate + 3_600
                ))
            ledger.record(IssuanceLedger.IssuedCertificate(time: referenceDate - 9 * day, names: names, serial: "aa"))
            ledger.record(IssuanceLedger.IssuedCertificate(time: referenceDate - 1 * day, names: names, serial: "bb"))
            ledger.record(IssuanceLedger.FailedValidation(time: referenceDate - 30 * day, name: "example.com"))
            ledger.recordLastChance(serial: "aa", now: referenceDate - 9 * day)
            ledger.recordLastChance(serial: "bb", now: referenceDate - 1 * day)
            try ledger.save(layout: layout, name: "example.com", now: referenceDate)

            let loaded = try IssuanceLedger.load(layout: layout, name: "example.com")
            #expect(loaded.warning == nil)
            var expected = ledger
            expected.prune(now: referenceDate)
            #expect(loaded.ledger == expected)
            #expect(loaded.ledger.attempts.map(\.detail) == ["#4", "#5", "#6", "#7", "too many"])
            #expect(loaded.ledger.issued.map(\.serial) == ["bb"])
            #expect(loaded.ledger.failedValidations.isEmpty)
            #expect(loaded.ledger.lastChances.map(\.serial) == ["bb"])
            #expect(loaded.ledger.attempts.last?.time == referenceDate + 0.125)
        }
    }

    @Test func aCorruptLedgerIsEmptyWithAWarning() async throws {
        try await withTemporaryVolume { layout in
            try AtomicFile.write(Array("{\"attempts\": [".utf8), to: try layout.ledger("example.com"), mode: 0o644)
            let loaded = try IssuanceLedger.load(layout: layout, name: "example.com")
            #expect(loaded.ledger == IssuanceLedger())
            #expect(loaded.warning?.contains("ledger/example.com.json") == true)
        }
    }
}
