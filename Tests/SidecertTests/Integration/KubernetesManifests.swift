import Foundation
import SidecertTestSupport
import Yams

/// The objects in deploy/kubernetes/'s manifests, read as Kubernetes reads them, so that a test runs what the
/// files say and the two cannot drift apart.
struct KubernetesManifests {
    /// Every document of every `*.yaml` under the folder, with the file it came from.
    let objects: [(file: String, node: Node)]

    init(folder: String = SidecertProcess.packageRoot + "/deploy/kubernetes") throws {
        var objects: [(file: String, node: Node)] = []
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        for file in files {
            // `compose`, not `load`: scalars stay the text Kubernetes passes on ("2m", "true").
            for node in try Yams.compose_all(yaml: String(contentsOfFile: folder + "/" + file, encoding: .utf8)) {
                objects.append((file, node))
            }
        }
        self.objects = objects
    }

    /// The one object of `kind` named `name`.
    func object(_ kind: String, named name: String) throws -> Node {
        let matches = objects.filter { $0.node["kind"]?.string == kind && $0.node["metadata"]?["name"]?.string == name }
        guard matches.count == 1, let match = matches.first else {
            throw HarnessError("deploy/kubernetes/ has \(matches.count) \(kind) named '\(name)' (\(matches.map(\.file)))")
        }
        return match.node
    }

    /// A ConfigMap's `data`, or a Secret's `stringData`.
    func stringData(_ kind: String, named name: String) throws -> [String: String] {
        let key = kind == "Secret" ? "stringData" : "data"
        guard let mapping = try object(kind, named: name)[key]?.mapping else {
            throw HarnessError("\(kind) '\(name)' has no \(key)")
        }
        var data: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, let text = value.string else { throw HarnessError("\(kind) '\(name)': \(key) is not text") }
            data[name] = text
        }
        return data
    }
}
