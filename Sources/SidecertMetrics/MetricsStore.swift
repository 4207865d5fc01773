import CoreMetrics
import Synchronization

/// swift-metrics' backend for `run`, and the text of `/metrics` (Prometheus exposition format 0.0.4).
///
/// One sidecar may keep 10,000 certificates with some fifteen series each. The store keeps a row of numbers
/// per certificate rather than an object per series: swift-prometheus 2.4 (used before) keeps each series as
/// an object holding its label text pre-rendered, about 450 bytes each, 64 MiB for 140,000 series, and
/// keeps a buffer as large as the largest scrape besides. Series that start at 0 are not stored at all until
/// something happens to them: the exposition writes 0 for every certificate kept.
package final class MetricsStore: MetricsFactory {
    /// A series' place in the store.
    fileprivate enum SeriesKey: Sendable {
        /// A metric of the table with the `cert` label only: a slot in the certificate's row.
        case row(certificate: String, slot: Int)
        /// Any other series: metrics with more labels, without `cert`, or not in the table.
        case other(family: String, kind: SidecertMetric.Kind, series: LabelSet)
    }

    /// A series' labels: `cert`, when there is one, apart, so that a certificate no longer kept can be dropped.
    fileprivate struct LabelSet: Hashable, Sendable, Comparable {
        var certificate: String?
        /// The other labels, rendered (`problem="x"`), in the order they were given.
        var rest: String

        static func < (lhs: LabelSet, rhs: LabelSet) -> Bool {
            (lhs.certificate ?? "", lhs.rest) < (rhs.certificate ?? "", rhs.rest)
        }
    }

    private struct Family {
        var kind: SidecertMetric.Kind
        var series: [LabelSet: Double] = [:]
    }

    private struct Values {
        /// Per certificate, one value per metric of ``SidecertMetric/all`` (NaN: never recorded).
        var rows: [String: [Double]] = [:]
        var families: [String: Family] = [:]
    }

    private let values = Mutex(Values())
    private static let slots = Dictionary(uniqueKeysWithValues: SidecertMetric.all.enumerated().map { ($0.element.name, $0.offset) })

    package init() {}

    // MARK: - Recording

    /// Sets `metric` of `certificate` to `value`, without a swift-metrics handler (for values read at scrape time).
    package func set(_ metric: SidecertMetric, certificate: String, to value: Double) {
        update(Self.key(metric.name, [("cert", certificate)], kind: metric.kind)) { $0 = value }
    }

    /// Sets an unlabelled `metric` to `value`.
    package func set(_ metric: SidecertMetric, to value: Double) {
        update(Self.key(metric.name, [], kind: metric.kind)) { $0 = value }
    }

    fileprivate func update(_ key: SeriesKey, _ change: (inout Double) -> Void) {
        values.withLock { values in
            switch key {
            case .row(let certificate, let slot):
                var row = values.rows[certificate] ?? Array(repeating: .nan, count: SidecertMetric.all.count)
                if row[slot].isNaN { row[slot] = 0 }
                change(&row[slot])
                values.rows[certificate] = row
            case .other(let name, let kind, let labels):
                change(&values.families[name, default: Family(kind: kind)].series[labels, default: 0])
            }
        }
    }

    fileprivate static func key(_ name: String, _ dimensions: [(String, String)], kind: SidecertMetric.Kind) -> SeriesKey {
        if let slot = slots[name], dimensions.count == 1, dimensions[0].0 == "cert" {
            return .row(certificate: dimensions[0].1, slot: slot)
        }
        let certificate = dimensions.first { $0.0 == "cert" }?.1
        let rest = dimensions.filter { $0.0 != "cert" }.map { "\($0.0)=\"\(escaped($0.1))\"" }.joined(separator: ",")
        let tableKind = slots[name].map { SidecertMetric.all[$0].kind }
        return .other(family: name, kind: tableKind ?? kind, series: LabelSet(certificate: certificate, rest: rest))
    }

    // MARK: - Exposition

    /// `/metrics`: every metric of the table, then any other recorded, with HELP and TYPE lines; the
    /// per-certificate series of `certificates` (in that order), those of ``SidecertMetric/startingAtZero``
    /// at 0 when nothing was recorded. Series of certificates not among `certificates` are dropped for good:
    /// the certificates file no longer has them.
    package func exposition(certificates: [String]) -> [UInt8] {
        let kept = Set(certificates)
        // Written from a copy, so that recording does not wait for the writing (a second at 10,000 certificates).
        let values = values.withLock { values in
            values.rows = values.rows.filter { kept.contains($0.key) }
            values.families = values.families.mapValues { family in
                var family = family
                family.series = family.series.filter { $0.key.certificate.map(kept.contains) ?? true }
                return family
            }
            return values
        }
        // About 70 bytes a series; written straight into the bytes sent (a String first would double that).
        var text: [UInt8] = []
        text.reserveCapacity(certificates.count * SidecertMetric.all.count * 70)
        for (slot, metric) in SidecertMetric.all.enumerated() {
            let startsAtZero = SidecertMetric.startingAtZero.contains(metric)
            var headerWritten = false
            func write(_ line: String) {
                if !headerWritten {
                    text.append(contentsOf: Self.header(metric.name, metric.kind, help: metric.help).utf8)
                    headerWritten = true
                }
                text.append(contentsOf: line.utf8)
            }
            for certificate in certificates {
                var value = values.rows[certificate]?[slot] ?? .nan
                if value.isNaN {
                    guard startsAtZero else { continue }
                    value = 0
                }
                write("\(metric.name){cert=\"\(Self.escaped(certificate))\"} \(Self.number(value))\n")
            }
            Self.samples(metric.name, values.families[metric.name]).forEach(write)
        }
        for (name, family) in values.families.sorted(by: { $0.key < $1.key }) where Self.slots[name] == nil {
            text.append(contentsOf: Self.header(name, family.kind, help: "Sidecert's \(name).").utf8)
            Self.samples(name, family).forEach { text.append(contentsOf: $0.utf8) }
        }
        return text
    }

    private static func header(_ name: String, _ kind: SidecertMetric.Kind, help: String) -> String {
        let type = kind == .counter ? "counter" : "gauge"
        let helpText = help.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
        return "# HELP \(name) \(helpText)\n# TYPE \(name) \(type)\n"
    }

    private static func samples(_ name: String, _ family: Family?) -> [String] {
        guard let family else { return [] }
        return family.series.sorted(by: { $0.key < $1.key }).map { labels, value in
            let all = [labels.certificate.map { "cert=\"\(escaped($0))\"" }, labels.rest.isEmpty ? nil : labels.rest].compactMap { $0 }
            return "\(name)\(all.isEmpty ? "" : "{\(all.joined(separator: ","))}") \(number(value))\n"
        }
    }

    /// A label value as the exposition format quotes it.
    static func escaped(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else { return value }
        return value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
    }

    /// Whole numbers without a fraction (counts, Unix times), others as Swift writes them (Prometheus reads
    /// `1e-05`).
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    // MARK: - MetricsFactory

    package func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        StoredSeries(self, Self.key(label, dimensions, kind: .counter))
    }

    package func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        StoredSeries(self, Self.key(label, dimensions, kind: .counter))
    }

    /// Sidecert records values, not distributions: recorders, meters and timers are gauges of their last value.
    package func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        StoredSeries(self, Self.key(label, dimensions, kind: .gauge))
    }

    package func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        StoredSeries(self, Self.key(label, dimensions, kind: .gauge))
    }

    package func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        StoredSeries(self, Self.key(label, dimensions, kind: .gauge))
    }

    /// A handler going away leaves its series: a certificate's series live as long as the certificate is kept.
    package func destroyCounter(_ handler: any CounterHandler) {}
    package func destroyMeter(_ handler: any MeterHandler) {}
    package func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    package func destroyRecorder(_ handler: any RecorderHandler) {}
    package func destroyTimer(_ handler: any TimerHandler) {}
}

/// A swift-metrics handler writing one series of a ``MetricsStore``.
private final class StoredSeries: CounterHandler, FloatingPointCounterHandler, RecorderHandler, MeterHandler, TimerHandler {
    private let store: MetricsStore
    private let key: MetricsStore.SeriesKey

    init(_ store: MetricsStore, _ key: MetricsStore.SeriesKey) {
        self.store = store
        self.key = key
    }

    func increment(by amount: Int64) { increment(by: Double(amount)) }
    func increment(by amount: Double) { store.update(key) { $0 += amount } }
    func decrement(by amount: Double) { increment(by: -amount) }
    func reset() { set(0.0) }
    func record(_ value: Int64) { set(Double(value)) }
    func record(_ value: Double) { set(value) }
    func set(_ value: Int64) { set(Double(value)) }
    func set(_ value: Double) { store.update(key) { $0 = value } }
    /// In seconds, as Prometheus counts time.
    func recordNanoseconds(_ duration: Int64) { set(Double(duration) / 1e9) }
}
