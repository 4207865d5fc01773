import Sidecert

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every flag has an environment twin (`--cert-name` ↔ `SIDECERT_CERT_NAME`); the flag wins.
enum EnvironmentTwin {
    static func string(_ flag: String?, _ variable: String) -> String? {
        if let flag { return flag }
        guard let value = getenv(variable) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// Repeatable flags: the environment twin is a comma-separated list.
    static func list(_ flags: [String], _ variable: String) -> [String] {
        if !flags.isEmpty { return flags }
        guard let text = string(nil, variable) else { return [] }
        return text.split(separator: ",").map { String($0).trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
    }

    /// Boolean flags: set on the command line, or `1`/`true`/`yes`/`on` in the environment.
    static func flag(_ flag: Bool, _ variable: String) throws(SidecertError) -> Bool {
        if flag { return true }
        guard let text = string(nil, variable)?.lowercased() else { return false }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw .badInput("\(variable)='\(text)' is not a boolean", hint: "use true or false")
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}
