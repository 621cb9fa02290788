import Prometheus

/// Renders a `MetricsModel` in the Prometheus text exposition format through swift-prometheus
/// (a fresh registry per model, so series that vanished from the Snapshot vanish from the page).
public enum PrometheusText {
    /// The content type of the page.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The exposition text of `model`.
    public static func render(_ model: MetricsModel) -> String {
        let registry = PrometheusCollectorRegistry()
        for family in model.families {
            let descriptor = MetricNameDescriptor(metricName: family.name, unitName: "", helpText: family.help)
            for sample in family.samples {
                let gauge = registry.makeGauge(descriptor: descriptor, labels: sample.labels.map { ($0.name, $0.value) })
                gauge.set(sample.value)
            }
        }
        return registry.emitToString()
    }
}
