// libFuzzer target: the issuance ledger (`ledger/<name>.json`), the fleet's memory of attempts that every
// replica reads before it may contact the CA. Build and run with `scripts/fuzz IssuanceLedger SECONDS`.
//
// Besides "never traps": what decodes drives the backoff (when the next attempt is allowed, and why, in
// words) and Let's Encrypt's token buckets over its certificates and failed validations; recording a failure
// and a success on it works; written once, it reads back the same ever after.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIssuanceLedger(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard var ledger = try? VolumeJSON.decode(IssuanceLedger.self, from: bytes) else { return 0 }
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    if let next = ledger.nextAttemptAllowed() {
        _ = ledger.backoffReason(nextAllowed: next)
    }
    _ = ledger.consecutiveFailures
    let duplicates = TokenBucket(capacity: 5, window: 7 * 86_400)
    _ = duplicates.nextToken(spentAt: ledger.issued.map(\.time), now: now)
    _ = duplicates.tokens(spentAt: ledger.issued.map(\.time), now: now)
    let validations = TokenBucket(capacity: 5, window: 3_600)
    _ = validations.tokens(spentAt: ledger.failedValidations.map(\.time), now: now)
    // Before 1900, Foundation's proleptic Gregorian calendar reads back other days: not the volume's concern.
    let dates = ledger.attempts.flatMap { [$0.time] + ($0.retryAfter.map { [$0] } ?? []) } + ledger.issued.map(\.time)
        + ledger.failedValidations.map(\.time) + ledger.lastChances.map(\.time) + ledger.restorations.map(\.time)
    guard dates.allSatisfy({ $0 >= Date(timeIntervalSince1970: -2_208_988_800) }) else { return 0 }
    // Written once, a ledger reads back the same ever after (the first write may round its dates to milliseconds).
    guard let once = try? VolumeJSON.decode(IssuanceLedger.self, from: VolumeJSON.encode(ledger)),
        let twice = try? VolumeJSON.decode(IssuanceLedger.self, from: VolumeJSON.encode(once)), twice == once
    else { fatalError("a ledger does not survive encoding and decoding") }
    let names: Set<String> = ["a.example", "B.example"]
    ledger.recordFailure(names: names, problemType: nil, detail: "fuzz", retryAfter: nil, failedValidations: ["a.example"], now: now)
    _ = ledger.nextAttemptAllowed()
    ledger.recordSuccess(names: names, serial: "01", now: now)
    guard ledger.nextAttemptAllowed() == nil else { fatalError("a success leaves a backoff behind") }
    return 0
}
