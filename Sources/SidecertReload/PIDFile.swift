import SidecertShell

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The frontend master's pidfile (nginx's `pid`, haproxy's `-p`), read afresh at every reload because
/// the frontend may have restarted since the last one.
package struct PIDFile: Sendable, Hashable {
    /// The pidfile's path, as given to `--reload-pidfile`.
    package let path: String

    package init(path: String) {
        self.path = path
    }

    /// The process id in the file, checked to name a running process.
    package func runningProcessID() throws -> Int32 {
        let contents: String
        do {
            // A pidfile is a few bytes; a huge one is not a pidfile.
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .uncached)
            contents = String(decoding: data.prefix(64), as: UTF8.self)
        } catch {
            throw ReloadError(
                code: .invalidPIDFile,
                message:
                    "cannot read the pidfile \(path) (\(error.systemReason)): is the frontend running, and is --reload-pidfile its pidfile?"
            )
        }
        let pid = try Self.parse(contents, path: path)
        if kill(pid, 0) != 0 {
            let error = errno
            if error == ESRCH {
                throw ReloadError(
                    code: .processNotRunning,
                    message: "the pidfile \(path) names process \(pid), which is not running: the frontend is down or the pidfile is stale"
                )
            }
            if error == EPERM {
                throw ReloadError(
                    code: .signalFailed,
                    message: "not allowed to signal process \(pid) from \(path): run sidecert as the frontend's user, or share its process namespace"
                )
            }
        }
        return pid
    }

    /// The process id in a pidfile's `contents`: one positive decimal integer, surrounding whitespace
    /// allowed. Pure, so every malformed shape is unit-tested.
    package static func parse(_ contents: String, path: String) throws -> Int32 {
        let text = contents.trimmingWhitespace()
        guard !text.isEmpty else {
            throw ReloadError(
                code: .invalidPIDFile,
                message: "the pidfile \(path) is empty: the frontend is starting or stopping; check that --reload-pidfile is its pidfile"
            )
        }
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let pid = Int32(text), pid > 0 else {
            let shown = text.count > 20 ? String(text.prefix(20)) + "…" : text
            throw ReloadError(
                code: .invalidPIDFile,
                message: "the pidfile \(path) holds '\(shown)', not a process id: check that --reload-pidfile is the frontend's pidfile"
            )
        }
        return pid
    }
}
