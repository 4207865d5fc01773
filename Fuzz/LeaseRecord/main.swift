// libFuzzer target: lease records (`leases/<name>.lease`), which every waiting replica reads and judges, and
// which anyone with write access to the volume may have written. Build and run with
// `scripts/fuzz LeaseRecord SECONDS`.
//
// Besides "never traps": what decodes is judged as a waiter judges it (expired or not, at several clocks, and
// the token it would take over with), and, written once, reads back the same ever after.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLeaseRecord(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let record = try? VolumeJSON.decode(LeaseRecord.self, from: bytes) else { return 0 }
    for now in [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_800_000_000), record.expiresAt, .distantFuture] {
        for unchangedFor in [0, 1, record.durationSeconds, .infinity] {
            _ = LeaseExpiry.isExpired(record, now: now, unchangedFor: unchangedFor, skewAllowance: 5, fallbackDuration: 60)
        }
    }
    let successor = LeaseRecord.successorToken(after: record)
    guard successor != record.token else { fatalError("the successor of token \(record.token) is the same token") }
    // Before 1900, Foundation's proleptic Gregorian calendar reads back other days: not the volume's concern.
    let dates = [record.acquiredAt, record.renewedAt, record.expiresAt] + (record.releasedAt.map { [$0] } ?? [])
    guard dates.allSatisfy({ $0 >= Date(timeIntervalSince1970: -2_208_988_800) }) else { return 0 }
    // Written once, a record reads back the same ever after (the first write may round its dates to milliseconds).
    guard let once = try? VolumeJSON.decode(LeaseRecord.self, from: VolumeJSON.encode(record)),
        let twice = try? VolumeJSON.decode(LeaseRecord.self, from: VolumeJSON.encode(once)), twice == once
    else { fatalError("a lease record does not survive encoding and decoding: \(record)") }
    return 0
}
