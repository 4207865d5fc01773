// libFuzzer target: lease records (`leases/<name>.lease`), which every waiting replica reads and judges, and
// which anyone with write access to the volume may have written. Build and run with
// `scripts/fuzz LeaseRecord SECONDS`.
//
// Besides "never traps": what decodes is judged as a waiter judges it (released, silent for its period, or
// its holder's process gone, alive or its pid reused; a live, heartbeating holder's lease is never free),
// with the token it would take over with, and, written once, reads back the same ever after.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLeaseRecord(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let record = try? VolumeJSON.decode(LeaseRecord.self, from: bytes) else { return 0 }
    // Judged as a waiter on the holder's own host judges it, with the holder's process gone, reused or alive.
    let observer = HolderProcess(
        bootID: record.process?.bootID ?? "boot", pidNamespace: record.process?.pidNamespace ?? "pid:[1]", pid: 1, startTime: 1)
    for alive in [nil, record.process, record.process.map(reused)] {
        let table = ProcessTable.scripted(alive: alive)
        for unchangedFor in [0, 1, record.durationSeconds, .infinity] {
            let verdict = LeaseExpiry.judge(
                record, unchangedFor: unchangedFor, fallbackDuration: 60,
                holderEnded: { record.process?.endReason(seenFrom: observer, in: table) })
            if record.releasedAt == nil, unchangedFor <= record.durationSeconds, record.process != nil, alive == record.process, verdict != nil {
                fatalError("a live holder's lease was judged free: \(record)")
            }
            _ = verdict?.reason
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

/// The same pid, started at another time: a reused pid.
private func reused(_ process: HolderProcess) -> HolderProcess {
    var other = process
    other.startTime &+= 1
    return other
}

extension ProcessTable {
    /// A host on which only `alive` runs (besides the observer).
    static func scripted(alive: HolderProcess?) -> ProcessTable {
        ProcessTable(
            readFile: { path in
                guard let alive, path == "/proc/\(alive.pid)/stat" else { return nil }
                return "\(alive.pid) (holder) S " + Array(repeating: "0", count: 18).joined(separator: " ") + " \(alive.startTime)"
            },
            readLink: { _ in nil },
            exists: { pid in pid == alive?.pid },
            ownPID: 1)
    }
}
