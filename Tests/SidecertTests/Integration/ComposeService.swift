import Foundation
import SidecertTestSupport

/// One service of the repository's compose.yaml as `docker compose` runs it when none of the file's
/// variables is set, so that a test runs what the file says and the two cannot drift apart.
///
/// compose.yaml is full YAML (an anchor names web's address), which Sidecert's own reader refuses by
/// design, so it is read with PyYAML, the YAML library docker-compose 1.29 (scripts/check-deploy) uses.
struct ComposeService {
    /// Its `environment`, with every `${VAR:-default}` resolved to its default.
    let environment: [String: String]
    /// Its `scale` (1 when absent).
    let replicas: Int

    /// Reads service `name` from `<package root>/compose.yaml`.
    init(named name: String, composeFile path: String = SidecertProcess.packageRoot + "/compose.yaml") async throws {
        let json = try await ChildProcess.check("python3", ["-c", Self.extractor, path, name])
        let service = try JSONDecoder().decode(ExtractedService.self, from: Data(json.utf8))
        guard service.found else {
            throw HarnessError("\(path) has no service '\(name)'")
        }
        guard let variables = service.environment else {
            throw HarnessError("\(path): service '\(name)' has no `environment` mapping (KEY: value)")
        }
        var environment: [String: String] = [:]
        for (variable, value) in variables {
            // A variable without a value (null) takes the caller's: the test must not depend on the caller.
            guard let text = value else {
                throw HarnessError("\(path): service '\(name)': \(variable) has no literal value")
            }
            environment[variable] = try Self.resolvingDefaults(text)
        }
        self.environment = environment
        self.replicas =
            try service.scale.map { text in
                guard let replicas = Int(text) else { throw HarnessError("\(path): service '\(name)': scale '\(text)' is not a number") }
                return replicas
            } ?? 1
    }

    /// What the extractor prints: whether the service exists, its environment (a value null when the file
    /// gives none), its scale as written.
    private struct ExtractedService: Decodable {
        let found: Bool
        let environment: [String: String?]?
        let scale: String?
    }

    /// Prints service argv[2] of compose file argv[1] as JSON. `yaml.compose`, not `load`: scalars stay the
    /// text compose passes on (`true` stays "true", not a bool), and a null is told apart by its tag.
    private static let extractor = """
        import json, sys, yaml
        def child(node, key):
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == key:
                        return v
            return None
        service = child(child(yaml.compose(open(sys.argv[1])), "services"), sys.argv[2])
        environment, scale = child(service, "environment"), child(service, "scale")
        print(json.dumps({
            "found": service is not None,
            "environment": {k.value: None if v.tag == "tag:yaml.org,2002:null" else v.value for k, v in environment.value}
                if isinstance(environment, yaml.MappingNode) else None,
            "scale": scale.value if isinstance(scale, yaml.ScalarNode) else None,
        }))
        """

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
