import Foundation
import SidecertTestSupport

/// A strict reader of the Prometheus text exposition format (version 0.0.4): `# HELP`/`# TYPE` comments,
/// and samples `name{label="value",…} number`. Any other line is an error, so "/metrics parses as
/// Prometheus text" is checked line by line.
struct PrometheusText {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var samples: [Sample]

    /// The value of `name` with exactly `labels`, if present.
    subscript(name: String, labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    static func parse(_ text: String) throws -> PrometheusText {
        var samples: [Sample] = []
        var types: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let fail = { (why: String) in HarnessError("line \(index + 1) of /metrics: \(why): \(line)") }
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", maxSplits: 3)
                guard words.count >= 3, words[1] == "TYPE" || words[1] == "HELP" else { throw fail("not a HELP or TYPE comment") }
                if words[1] == "TYPE" {
                    guard words.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(words[3]) else {
                        throw fail("unknown metric type")
                    }
                    types[String(words[2])] = String(words[3])
                }
                continue
            }
            guard let match = line.wholeMatch(of: /([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? ([^ ]+)( -?[0-9]+)?/) else {
                throw fail("not a sample")
            }
            guard let value = Double(match.3) ?? ["+Inf": .infinity, "-Inf": -.infinity, "NaN": .nan][String(match.3)] else {
                throw fail("not a number")
            }
            samples.append(Sample(name: String(match.1), labels: try labels(match.2.map(String.init) ?? "", fail), value: value))
        }
        for sample in samples where types[sample.name] == nil && types[sample.name.replacing(/_(bucket|sum|count)$/, with: "")] == nil {
            throw HarnessError("/metrics: \(sample.name) has no # TYPE line")
        }
        return PrometheusText(samples: samples)
    }

    private static func labels(_ text: String, _ fail: (String) -> HarnessError) throws -> [String: String] {
        guard !text.isEmpty else { return [:] }
        var labels: [String: String] = [:]
        let body = text.dropFirst().dropLast()
        for pair in body.matches(of: /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/) {
            labels[String(pair.1)] = String(pair.2)
        }
        let rebuilt = labels.count
        guard rebuilt == body.matches(of: /="/).count else { throw fail("malformed labels") }
        return labels
    }
}
