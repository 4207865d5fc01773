import Foundation

/// Finds command-line tools the way a shell would, plus the `sbin` folders (nginx lives in
/// `/usr/sbin`, which is not on every user's `PATH`).
package enum ExecutableLookup {
    /// The absolute path of `name`, or nil when it is nowhere on `PATH` or in the `sbin` folders.
    package static func find(_ name: String) -> String? {
        if name.contains("/") {
            return FileManager.default.isExecutableFile(atPath: name) ? name : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/local/sbin", "/usr/sbin", "/sbin"]
        for folder in folders where !folder.isEmpty {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    /// Like `find`, but throws an error that says how to get the tool.
    package static func require(_ name: String) throws -> String {
        guard let path = find(name) else {
            throw HarnessError("\(name) is not installed (not on PATH): run scripts/install-test-deps or scripts/test")
        }
        return path
    }
}
