#if canImport(Glibc)
    import Glibc
#endif

/// A system call that failed, with its error number: the ``ShellCommandError/underlying`` error when the
/// shell cannot be started.
package struct SystemCallError: Error, Sendable, CustomStringConvertible {
    /// The call, as a reader would look it up (`posix_spawn`, `pipe2`, `pthread_create`).
    package let call: String
    /// Its `errno` value (or returned error number).
    package let errorNumber: Int32

    package var description: String { "\(call): \(String(cString: strerror(errorNumber)))" }
}
