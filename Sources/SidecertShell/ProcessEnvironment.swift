#if canImport(Glibc)
    import Glibc
#endif

/// The sidecar's own environment variables, read from `environ` (what Foundation's `ProcessInfo` reads, but
/// without Foundation), for the commands it runs to inherit.
enum ProcessEnvironment {
    /// Every `NAME=value` of the environment; an entry without `=` is skipped.
    static var current: [String: String] {
        var variables: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return variables
    }
}
