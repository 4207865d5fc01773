#if canImport(Glibc)
    import Glibc
#endif

/// Whether everything that could write into a command's output pipe has let go of it, asked of the kernel
/// rather than of the thread reading it: on a busy machine the reader may not run for seconds after the
/// command ended, and its output must not be given up for that.
///
/// Holds its own close-on-exec duplicate of the pipe's read end, so that it stays valid whoever closes
/// the reader's descriptor and when.
final class OutputPipeWatch: Sendable {
    private let descriptor: Int32

    /// Nil when the descriptor cannot be duplicated (the open-file limit reached).
    init?(readEnd: Int32) {
        let duplicate = fcntl(readEnd, F_DUPFD_CLOEXEC, 3)
        guard duplicate >= 0 else { return nil }
        descriptor = duplicate
    }

    deinit {
        close(descriptor)
    }

    /// Waits up to `limit` for the last writer to close the pipe (`POLLHUP`, which the kernel reports
    /// whatever is still unread); true once it has, false when one still holds it (a grandchild the command
    /// left running).
    func writersClosed(within limit: Duration) -> Bool {
        var entry = pollfd(fd: descriptor, events: 0, revents: 0)
        let milliseconds = Int32(clamping: limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000)
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready >= 0 { return ready > 0 && entry.revents & Int16(POLLHUP) != 0 }
            if errno != EINTR { return false }
        }
    }
}
