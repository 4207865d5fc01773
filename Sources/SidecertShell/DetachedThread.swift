#if canImport(Glibc)
    import Glibc
#endif

/// A POSIX thread for a blocking wait (`waitid`, `read` on a pipe), so that it never holds one of the
/// cooperative pool's threads, of which a sidecar on two cores has two.
package enum DetachedThread {
    /// Runs `body` on a new thread that nobody joins; throws when no thread can be created (EAGAIN: the
    /// process or the system is out of threads).
    package static func start(_ body: @escaping @Sendable () -> Void) throws(SystemCallError) {
        final class Work: Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { work in
                Unmanaged<Work>.fromOpaque(work!).takeRetainedValue().body()
                return nil
            }, work)
        guard result == 0 else {
            Unmanaged<Work>.fromOpaque(work).release()
            throw SystemCallError(call: "pthread_create", errorNumber: result)
        }
        pthread_detach(thread)
    }
}
