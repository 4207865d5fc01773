import Foundation
import Yams

/// One service of the repository's compose.yaml as `docker compose` runs it when none of the file's
/// variables is set, so that a test runs what the file says and the two cannot drift apart.
struct ComposeService {
    /// Its `environment`, with every `${VAR:-default}` resolved to its default.
    let environment: [String: String]
    /// Its `scale` (1 when absent).
    let replicas: Int

    /// Reads service `name` from `<package root>/compose.yaml`.
    init(named name: String, composeFile path: String = SidecertProcess.packageRoot + "/compose.yaml") throws {
        // `compose`, not `load`: scalars stay the text compose passes on (`true` stays "true", not a Bool).
        let file = try Yams.compose(yaml: try String(contentsOfFile: path, encoding: .utf8))
        guard let service = file?["services"]?[name] else {
            throw HarnessError("\(path) has no service '\(name)'")
        }
        guard let mapping = service["environment"]?.mapping else {
            throw HarnessError("\(path): service '\(name)' has no `environment` mapping (KEY: value)")
        }
        var environment: [String: String] = [:]
        for (key, value) in mapping {
            let variable = key.string ?? "\(key)"
            // A variable without a value (null) takes the caller's: the test must not depend on the caller.
            guard value.tag != Tag(.null), let text = value.string else {
                throw HarnessError("\(path): service '\(name)': \(variable) has no literal value")
            }
            environment[variable] = try Self.resolvingDefaults(text)
        }
        self.environment = environment
        self.replicas = service["scale"]?.int ?? 1
    }

    /// Compose's interpolation with none of the variables set: `${NAME:-default}` and `${NAME-default}` give
    /// the default, `$$` a `$`. Anything else (`$NAME`, `${NAME}`, `${NAME:?error}`, nesting) would take the
    /// caller's environment or stop compose, and throws: such a value needs a deliberate decision here.
    static func resolvingDefaults(_ value: String) throws -> String {
        var resolved = ""
        var rest = Substring(value)
        while let dollar = rest.firstIndex(of: "$") {
            resolved += rest[..<dollar]
            rest = rest[dollar...]
            if rest.hasPrefix("$$") {
                resolved += "$"
                rest = rest.dropFirst(2)
            } else if let match = rest.prefixMatch(of: /\$\{[A-Za-z_][A-Za-z0-9_]*:?-(?<fallback>[^}$]*)\}/) {
                resolved += match.output.fallback
                rest = rest[match.range.upperBound...]
            } else {
                throw HarnessError("compose interpolation without a default in \"\(value)\"")
            }
        }
        return resolved + rest
    }
}
