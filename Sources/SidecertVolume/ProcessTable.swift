#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What this host's kernel says about processes, from `/proc` and `kill(pid, 0)`: a seam, so that the
/// tests can play other boots, other PID namespaces and reused pids.
struct ProcessTable: Sendable {
    /// A `/proc` file's text; nil when it cannot be read.
    var readFile: @Sendable (_ path: String) -> String?
    /// A `/proc` symbolic link's target; nil when it cannot be read.
    var readLink: @Sendable (_ path: String) -> String?
    /// Whether a process with this pid exists in this process's PID namespace. `kill(pid, 0)` answers it
    /// even where `/proc` hides other users' processes (`hidepid`), which would make them look gone.
    var exists: @Sendable (_ pid: Int32) -> Bool
    /// This process's pid.
    var ownPID: Int32

    /// The kernel's.
    static let system = ProcessTable(
        readFile: { path in try? AtomicFile.readIfPresent(path, limit: 4_096).map { String(decoding: $0, as: UTF8.self) } },
        readLink: { path in
            var buffer = [CChar](repeating: 0, count: 256)
            let length = readlink(path, &buffer, buffer.count - 1)
            return length < 0 ? nil : String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        },
        exists: { pid in kill(pid, 0) == 0 || errno != ESRCH },
        ownPID: getpid()
    )

    /// The state letter and start time (clock ticks after boot) in `/proc/<pid>/stat`; nil when it cannot
    /// be read or parsed.
    func status(of pid: String) -> (state: Character, startTime: UInt64)? {
        guard let text = readFile("/proc/\(pid)/stat"), let end = text.lastIndex(of: ")") else { return nil }
        // After the command name in parentheses (which may itself hold spaces and parentheses): field 3,
        // the state, then fields 4… ; field 22 is the start time.
        let fields = text[text.index(after: end)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let startTime = UInt64(fields[19]) else { return nil }
        return (state, startTime)
    }
}
