#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reloads a frontend by signalling the process in its pidfile: nginx's master reloads on `HUP`,
/// haproxy's master (`-W`) on `USR2`. The frontend reads `live/<name>/` again itself.
///
/// The pidfile is read at every reload, so a frontend restarted since the last one is still found. A batch
/// of certificates is one signal: the frontend reads every `live/` directory again anyway.
package struct SignalReloader: FrontendReloader {
    /// The signal sent.
    package let signal: ReloadSignal
    /// Where the frontend master's process id is read.
    package let pidFile: PIDFile

    package init(signal: ReloadSignal, pidFile: String) {
        self.signal = signal
        self.pidFile = PIDFile(path: pidFile)
    }

    package var description: String { "\(signal) to the process in \(pidFile.path)" }

    package func reload(_ certificates: [ReloadedCertificate]) async throws {
        guard !certificates.isEmpty else { return }
        let pid = try pidFile.runningProcessID()
        guard kill(pid, signal.number) == 0 else {
            let error = errno
            let reason = String(cString: strerror(error))
            throw ReloadError(
                code: error == ESRCH ? .processNotRunning : .signalFailed,
                message: "cannot send \(signal) to process \(pid) (from \(pidFile.path)): \(reason)"
            )
        }
    }
}
