import CoreMetrics
import SidecertMetrics
import Testing

/// `/metrics`' text as ``MetricsStore`` writes it: what Prometheus and the alerting rules read.
struct MetricsStoreTests {
    private func lines(_ store: MetricsStore, _ certificates: [String]) -> [String] {
        String(decoding: store.exposition(certificates: certificates), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private func samples(_ lines: [String]) -> [String] { lines.filter { !$0.hasPrefix("#") } }

    @Test func aCertificateWithNothingRecordedShowsTheSeriesThatStartAtZeroOnly() {
        let store = MetricsStore()
        let shown = samples(lines(store, ["a", "b"]))
        let expected = SidecertMetric.all.filter(SidecertMetric.startingAtZero.contains).flatMap { metric in
            ["\(metric.name){cert=\"a\"} 0", "\(metric.name){cert=\"b\"} 0"]
        }
        #expect(shown == expected)
        #expect(!shown.contains { $0.hasPrefix(SidecertMetric.certificateNotAfter.name) })
    }

    @Test func countersAddUpAndGaugesKeepTheLastValue() {
        let store = MetricsStore()
        let reloads = store.makeCounter(label: SidecertMetric.reloads.name, dimensions: [("cert", "a")])
        reloads.increment(by: 2)
        store.makeCounter(label: SidecertMetric.reloads.name, dimensions: [("cert", "a")]).increment(by: 3)
        let notAfter = store.makeRecorder(label: SidecertMetric.certificateNotAfter.name, dimensions: [("cert", "a")], aggregate: false)
        notAfter.record(1_764_000_000.0)
        notAfter.record(1_800_000_000.0)
        store.set(.renewalSeconds, certificate: "a", to: 0.5)
        let shown = samples(lines(store, ["a"]))
        #expect(shown.contains("sidecert_reloads_total{cert=\"a\"} 5"))
        #expect(shown.contains("sidecert_certificate_not_after_timestamp_seconds{cert=\"a\"} 1800000000"))
        #expect(shown.contains("sidecert_renewal_seconds{cert=\"a\"} 0.5"))
        reloads.reset()
        #expect(samples(lines(store, ["a"])).contains("sidecert_reloads_total{cert=\"a\"} 0"))
    }

    @Test func everyFamilyHasOneHelpAndTypeBeforeItsSamplesInTheTablesOrder() throws {
        let store = MetricsStore()
        store.makeCounter(label: SidecertMetric.issuanceFailures.name, dimensions: [("cert", "a"), ("problem", "rateLimited")]).increment(by: 1)
        store.set(.certificatesKept, to: 2)
        store.makeMeter(label: "something_else", dimensions: [("queue", "x")]).set(7.0)
        let all = lines(store, ["a", "b"])
        var families: [String] = []
        for line in all {
            let words = line.split(separator: " ")
            if line.hasPrefix("# HELP ") {
                families.append(String(words[2]))
            } else if line.hasPrefix("# TYPE ") {
                #expect(String(words[2]) == families.last, "\(line)")
            } else {
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                #expect(name == families.last, "\(line) under \(families.last ?? "nothing")")
            }
        }
        #expect(Set(families).count == families.count, "a family written twice: \(families)")
        let tableOrder = SidecertMetric.all.map(\.name).filter(families.contains) + ["something_else"]
        #expect(families == tableOrder)
        #expect(all.contains("sidecert_issuance_failures_total{cert=\"a\",problem=\"rateLimited\"} 1"))
        #expect(all.contains("# TYPE sidecert_issuance_failures_total counter"))
        #expect(all.contains("sidecert_certificates 2"))
        #expect(all.contains("# HELP something_else Sidecert's something_else."))
        #expect(all.contains("# TYPE something_else gauge"))
        #expect(all.contains("something_else{queue=\"x\"} 7"))
    }

    @Test func aCertificateNoLongerKeptLosesItsSeriesForGood() {
        let store = MetricsStore()
        store.makeCounter(label: SidecertMetric.reloads.name, dimensions: [("cert", "gone")]).increment(by: 4)
        store.makeCounter(label: SidecertMetric.issuanceFailures.name, dimensions: [("cert", "gone"), ("problem", "dns")]).increment(by: 1)
        #expect(samples(lines(store, ["gone"])).contains("sidecert_reloads_total{cert=\"gone\"} 4"))
        let without = lines(store, ["kept"])
        #expect(!without.contains { $0.contains("\"gone\"") })
        // Back in the certificates file later: counted from 0 again.
        let again = samples(lines(store, ["gone"]))
        #expect(again.contains("sidecert_reloads_total{cert=\"gone\"} 0"))
        #expect(!again.contains { $0.hasPrefix(SidecertMetric.issuanceFailures.name) })
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a\"quote", "a\\\"quote"),
        ("back\\slash", "back\\\\slash"),
        ("new\nline", "new\\nline"),
    ])
    func labelValuesAreEscaped(value: String, escaped: String) {
        let store = MetricsStore()
        store.makeCounter(label: SidecertMetric.issuanceFailures.name, dimensions: [("cert", "a"), ("problem", value)]).increment(by: 1)
        #expect(lines(store, ["a"]).contains("sidecert_issuance_failures_total{cert=\"a\",problem=\"\(escaped)\"} 1"))
    }

    @Test(arguments: [
        (0.0, "0"), (1_764_000_000.0, "1764000000"), (-3.0, "-3"), (0.25, "0.25"), (1e-05, "1e-05"), (1e20, "1e+20"),
        (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
    ])
    func numbersAreWrittenAsPrometheusReadsThem(value: Double, text: String) {
        let store = MetricsStore()
        store.set(.certificatesKept, to: value)
        #expect(lines(store, []).contains("sidecert_certificates \(text)"))
    }
}
