import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Unique folders under the system's temporary directory (mode 0700, made by `mkdtemp`), one per
/// test or peer, so that tests running in parallel never share state.
package enum TemporaryDirectory {
    /// Set `SIDECERT_TEST_KEEP_DIRS=1` to keep every folder (peers' logs and configs, volumes)
    /// for a look after a failure; their paths are in the test's messages.
    package static let keepsDirectories = ProcessInfo.processInfo.environment["SIDECERT_TEST_KEEP_DIRS"] == "1"

    /// A new, empty folder whose name starts with `prefix`.
    package static func make(prefix: String) throws -> String {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw HarnessError("mkdtemp in \(base) failed: errno \(errno)")
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Removes `path` and everything in it, unless `SIDECERT_TEST_KEEP_DIRS=1`.
    package static func remove(_ path: String) {
        guard !keepsDirectories else { return }
        try? FileManager.default.removeItem(atPath: path)
    }
}
