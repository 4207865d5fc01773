import CoreMetrics
import Prometheus
import SidecertMetrics

/// swift-metrics' backend for `run`: Prometheus, with every metric's HELP line from ``SidecertMetric``'s
/// table (swift-prometheus' own factory has no way to give one, and `promtool check metrics` wants them).
struct PrometheusHelpFactory: MetricsFactory {
    let registry: PrometheusCollectorRegistry
    private let helps: [String: String]

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        self.helps = Dictionary(uniqueKeysWithValues: SidecertMetric.all.map { ($0.name, $0.help) })
    }

    /// The name `label` with its HELP line from the table (a generic one for a name not in it).
    private func descriptor(_ label: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: label, unitName: "", helpText: helps[label] ?? "Sidecert's \(label).")
    }

    private func counter(_ label: String, _ dimensions: [(String, String)]) -> Prometheus.Counter {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    private func gauge(_ label: String, _ dimensions: [(String, String)]) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler { counter(label, dimensions) }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler { counter(label, dimensions) }

    /// Sidecert records values, not distributions: every recorder is a gauge.
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler { gauge(label, dimensions) }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler { gauge(label, dimensions) }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        registry.makeDurationHistogram(descriptor: descriptor(label), labels: dimensions, buckets: Self.timerBuckets)
    }

    private static let timerBuckets: [Duration] = [.milliseconds(100), .seconds(1), .seconds(10), .seconds(60)]

    func destroyCounter(_ handler: any CounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    func destroyRecorder(_ handler: any RecorderHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    func destroyMeter(_ handler: any MeterHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    func destroyTimer(_ handler: any TimerHandler) {
        if let histogram = handler as? DurationHistogram { registry.unregisterDurationHistogram(histogram) }
    }
}
