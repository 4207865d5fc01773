import Foundation
import Testing

@testable import SidecertVolume

/// When a waiter may call a lease holder's process ended: only on the same boot, in the same PID namespace,
/// and when the pid is gone or names a newer process; judged through a made-up `/proc`.
struct HolderProcessTests {
    /// A host's `/proc` as the tests want it: `processes` maps pids to their `/proc/<pid>/stat` state and
    /// start time.
    static func table(
        bootID: String = "boot-a", pidNamespace: String = "pid:[4026531836]", ownPID: Int32 = 100, selfLink: String? = nil,
        processes: [Int32: (state: Character, startTime: UInt64)] = [:], hidden: Set<Int32> = []
    ) -> ProcessTable {
        var processes = processes
        processes[ownPID] = processes[ownPID] ?? ("R", 5_000)
        return ProcessTable(
            readFile: { [processes] path in
                if path == "/proc/sys/kernel/random/boot_id" { return bootID + "\n" }
                let pid = path == "/proc/self/stat" ? ownPID : Int32(path.split(separator: "/").dropFirst().first ?? "") ?? -1
                guard !hidden.contains(pid), let process = processes[pid] else { return nil }
                return "\(pid) (sidecert (worker) x) \(process.state) 1 1 1 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 2 0 \(process.startTime) 1 1 \n"
            },
            readLink: { path in
                switch path {
                case "/proc/self/ns/pid": pidNamespace
                case "/proc/self": selfLink ?? String(ownPID)
                default: nil
                }
            },
            exists: { [processes] pid in processes[pid] != nil },
            ownPID: ownPID
        )
    }

    let observer = HolderProcess(bootID: "boot-a", pidNamespace: "pid:[4026531836]", pid: 100, startTime: 5_000)

    func holder(bootID: String = "boot-a", pidNamespace: String = "pid:[4026531836]", pid: Int32 = 42, startTime: UInt64 = 1_234) -> HolderProcess {
        HolderProcess(bootID: bootID, pidNamespace: pidNamespace, pid: pid, startTime: startTime)
    }

    @Test func thisProcessIsReadFromProc() throws {
        let current = try #require(HolderProcess(in: Self.table()))
        #expect(current == observer)
    }

    @Test func aProcMountedFromAnotherNamespaceSaysNothing() {
        // /proc/self resolves to another pid than ours: its pids are not the ones kill() and we see.
        #expect(HolderProcess(in: Self.table(selfLink: "1")) == nil)
    }

    @Test func theRealProcIsRead() throws {
        #if os(Linux)
            let current = try #require(HolderProcess.current)
            #expect(current.pid == getpid())
            #expect(current.pidNamespace.hasPrefix("pid:["))
            #expect(current.endReason(seenFrom: current, in: .system) == nil, "this process runs")
        #endif
    }

    @Test func aHolderWhosePidIsGoneHasEnded() {
        let reason = holder().endReason(seenFrom: observer, in: Self.table())
        #expect(reason == "its process 42 on this host has ended")
    }

    @Test func aHolderWhosePidNamesANewerProcessHasEnded() {
        let reason = holder().endReason(seenFrom: observer, in: Self.table(processes: [42: ("S", 9_999)]))
        #expect(reason?.contains("newer process") == true)
    }

    @Test func aZombieHolderHasEnded() {
        let reason = holder().endReason(seenFrom: observer, in: Self.table(processes: [42: ("Z", 1_234)]))
        #expect(reason?.contains("zombie") == true)
    }

    @Test(arguments: ["R", "S", "D", "T"] as [Character])
    func aRunningSleepingOrStoppedHolderRuns(state: Character) {
        #expect(holder().endReason(seenFrom: observer, in: Self.table(processes: [42: (state, 1_234)])) == nil)
    }

    @Test func aHolderOnAnotherBootOrHostIsNeverJudged() {
        // Pid 42 does not exist here, but the holder ran elsewhere (another host, or before a reboot).
        #expect(holder(bootID: "boot-b").endReason(seenFrom: observer, in: Self.table()) == nil)
    }

    @Test func aHolderInAnotherPIDNamespaceIsNeverJudged() {
        // Another container of the same pod: same host and boot, its own pids.
        #expect(holder(pidNamespace: "pid:[4026532999]").endReason(seenFrom: observer, in: Self.table()) == nil)
    }

    @Test func aHolderHiddenFromProcButAliveRuns() {
        // /proc mounted with hidepid: the process exists (kill says so) but its stat cannot be read.
        #expect(holder().endReason(seenFrom: observer, in: Self.table(processes: [42: ("S", 1_234)], hidden: [42])) == nil)
    }

    @Test func recordsWithAndWithoutTheProcessAreRead() throws {
        let old = """
            {"acquiredAt":"2026-05-28T00:00:00.000Z","durationSeconds":60,"expiresAt":"2026-05-28T00:01:00.000Z",
             "holder":"host-1-abc","renewedAt":"2026-05-28T00:00:00.000Z","token":3}
            """
        let record = try VolumeJSON.decode(LeaseRecord.self, from: Array(old.utf8))
        #expect(record.process == nil && record.token == 3)
        var new = record
        new.process = holder()
        #expect(try VolumeJSON.decode(LeaseRecord.self, from: try VolumeJSON.encode(new)) == new)
    }
}
