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
        guard case .refuse(let until, let reason) = ledger.gate(names: names, now: allowed.addingTimeInterval(-0.001), force: false) else {
            Issue.record("inside the backoff window must refuse")
            return
        }
        #expect(until == allowed)
        #expect(reason.contains("timeout"))
        #expect(ledger.gate(names: names, now: allowed, force: false) == .proceed)
    }

    @Test func everyMomentOfTheScheduleAgreesWithTheGate() {
        let schedule = BackoffSchedule()
        for count in 0...6 {
            let ledger = IssuanceLedger(attempts: failures(count, endingAt: referenceDate))
            let delay = schedule.delay(afterConsecutiveFailures: count)
            for step in stride(from: 0.0, through: 2 * day, by: 97) {
                let now = referenceDate.addingTimeInterval(step)
                let proceeds = ledger.gate(names: names, now: now, force: false) == .proceed
                #expect(proceeds == (step >= delay), "failures \(count), \(step) s later")
            }
        }
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
        ledger.record(IssuanceLedger.Attempt(time: referenceDate, names: names, result: .started))
        // The crashed holder's lease already held the fleet back; its successor may go at once.
        #expect(ledger.gate(names: names, now: referenceDate + 30, force: false) == .proceed)
        #expect(ledger.consecutiveFailures == 1)
        // A second interruption (a crash loop) is a second failure: 10 minutes.
        ledger.record(IssuanceLedger.Attempt(time: referenceDate + 60, names: names, result: .started))
        #expect(ledger.nextAttemptAllowed() == referenceDate + 60 + 10 * minute)
        #expect(ledger.gate(names: names, now: referenceDate + 120, force: false) != .proceed)
        // The same process finishing replaces its own `.started` entry.
        ledger.record(IssuanceLedger.Attempt(time: referenceDate + 65, names: names, result: .succeeded))
        #expect(ledger.attempts.map(\.result) == [.started, .succeeded])
    }

    @Test func aLaterRetryAfterWins() {
        let retryAfter = referenceDate.addingTimeInterval(3 * 3_600)
        let ledger = IssuanceLedger(attempts: failures(1, endingAt: referenceDate, retryAfter: retryAfter))
        #expect(ledger.nextAttemptAllowed() == retryAfter)
        #expect(ledger.gate(names: names, now: retryAfter - 1, force: false) != .proceed)
        #expect(ledger.gate(names: names, now: retryAfter, force: false) == .proceed)
    }

    @Test func anEarlierRetryAfterLoses() {
        let ledger = IssuanceLedger(attempts: failures(2, endingAt: referenceDate, retryAfter: referenceDate + 5))
        #expect(ledger.nextAttemptAllowed() == referenceDate + 600)
    }

    @Test func aSixthCertificateForTheSameNamesWithinSevenDaysIsRefused() {
        let times = (0..<5).map { referenceDate.addingTimeInterval(-Double(6 - $0) * day) }
        let ledger = IssuanceLedger(issued: times.map { IssuanceLedger.IssuedCertificate(time: $0, names: names, serial: "01") })
        guard case .refuse(let until, let reason) = ledger.gate(names: ["WWW.example.com", "example.com"], now: referenceDate, force: false) else {
            Issue.record("a sixth duplicate must be refused")
            return
        }
        #expect(until == times[0] + 7 * day)
        #expect(reason.contains("7 days"))
        #expect(ledger.gate(names: names, now: until, force: false) == .proceed)
        #expect(ledger.gate(names: ["example.com"], now: referenceDate, force: false) == .proceed)
        let four = IssuanceLedger(issued: Array(ledger.issued.dropFirst()))
        #expect(four.gate(names: names, now: referenceDate, force: false) == .proceed)
    }

    @Test func fiveFailedValidationsPerNamePerHour() {
        let times = (0..<5).map { referenceDate.addingTimeInterval(-Double(50 - $0 * 10) * minute) }
        var ledger = IssuanceLedger(failedValidations: times.map { IssuanceLedger.FailedValidation(time: $0, name: "WWW.example.com") })
        ledger.record(IssuanceLedger.FailedValidation(time: referenceDate, name: "example.com"))
        guard case .refuse(let until, let reason) = ledger.gate(names: names, now: referenceDate, force: false) else {
            Issue.record("a sixth validation within the hour must be refused")
            return
        }
        #expect(until == times[0] + 3_600)
        #expect(reason.contains("www.example.com"))
        #expect(ledger.gate(names: names, now: until, force: false) == .proceed)
        #expect(ledger.gate(names: ["example.com"], now: referenceDate, force: false) == .proceed)
    }

    @Test func theLatestRefusalWinsAndForceOverridesAll() {
        var ledger = IssuanceLedger(attempts: failures(4, endingAt: referenceDate))
        for index in 0..<5 {
            ledger.record(IssuanceLedger.IssuedCertificate(time: referenceDate - Double(index) * minute, names: names, serial: "0\(index)"))
            ledger.record(IssuanceLedger.FailedValidation(time: referenceDate - Double(index) * minute, name: "example.com"))
        }
        guard case .refuse(let until, _) = ledger.gate(names: names, now: referenceDate, force: false) else {
            Issue.record("must refuse")
            return
        }
        #expect(until == referenceDate - 4 * minute + 7 * day)
        #expect(ledger.gate(names: names, now: referenceDate, force: true) == .proceed)
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
            try ledger.save(layout: layout, name: "example.com", now: referenceDate)

            let loaded = try IssuanceLedger.load(layout: layout, name: "example.com")
            #expect(loaded.warning == nil)
            var expected = ledger
            expected.prune(now: referenceDate)
            #expect(loaded.ledger == expected)
            #expect(loaded.ledger.attempts.map(\.detail) == ["#4", "#5", "#6", "#7", "too many"])
            #expect(loaded.ledger.issued.map(\.serial) == ["bb"])
            #expect(loaded.ledger.failedValidations.isEmpty)
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
