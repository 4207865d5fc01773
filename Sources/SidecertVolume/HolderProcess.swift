#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where a lease holder runs, precisely enough for a replica on the same host to tell that it has ended:
/// the boot, the PID namespace, the pid, and the process's start time (a reused pid has another one).
///
/// A hostname is not enough: the containers of a pod share one while their PID namespaces differ, so the
/// same pid names unrelated processes in each. Only a waiter on this boot and in this PID namespace can
/// judge; every other one lets the lease expire.
package struct HolderProcess: Codable, Sendable, Hashable {
    /// `/proc/sys/kernel/random/boot_id`: new at every boot, different on every host.
    package var bootID: String
    /// The PID namespace, as `readlink /proc/self/ns/pid` names it (`pid:[4026531836]`).
    package var pidNamespace: String
    /// The process id in that namespace.
    package var pid: Int32
    /// When the process started, in clock ticks after boot (`/proc/<pid>/stat`, field 22).
    package var startTime: UInt64

    package init(bootID: String, pidNamespace: String, pid: Int32, startTime: UInt64) {
        self.bootID = bootID
        self.pidNamespace = pidNamespace
        self.pid = pid
        self.startTime = startTime
    }

    /// This process, read once.
    static let current = HolderProcess(in: .system)

    /// This process as `table` describes it; nil when it cannot (no `/proc`, or a `/proc` mounted from
    /// another PID namespace, whose pids are not ours).
    init?(in table: ProcessTable) {
        guard
            let bootID = table.readFile("/proc/sys/kernel/random/boot_id")?.split(whereSeparator: \.isWhitespace).first.map(String.init),
            let pidNamespace = table.readLink("/proc/self/ns/pid"),
            table.readLink("/proc/self") == String(table.ownPID),
            let status = table.status(of: "self")
        else { return nil }
        self.init(bootID: bootID, pidNamespace: pidNamespace, pid: table.ownPID, startTime: status.startTime)
    }

    /// Why this process is known to have ended, as seen from `observer` (the process asking) through
    /// `table`; nil when it runs, or when nothing can be known from there (another boot or host, another
    /// PID namespace).
    func endReason(seenFrom observer: HolderProcess, in table: ProcessTable) -> String? {
        guard bootID == observer.bootID, pidNamespace == observer.pidNamespace else { return nil }
        guard table.exists(pid) else { return "its process \(pid) on this host has ended" }
        guard let status = table.status(of: String(pid)) else {
            // It vanished between the two looks, or /proc hides it: only the first says anything.
            return table.exists(pid) ? nil : "its process \(pid) on this host has ended"
        }
        if status.startTime != startTime { return "its process \(pid) on this host has ended (the pid now belongs to a newer process)" }
        if status.state == "Z" || status.state == "X" { return "its process \(pid) on this host has ended (it is a zombie)" }
        return nil
    }
}
