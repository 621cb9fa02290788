import Inventory

/// Pool utilization samples, one per Snapshot received, for the Pools view's sparklines.
/// Bundles give one sample, so no sparkline; live sources build history as they publish.
public struct UtilizationHistory: Hashable, Sendable {
    /// Samples by pool name, oldest first.
    public private(set) var samples: [String: [Double]]
    /// The most samples kept per pool.
    public let capacity: Int

    /// Creates a history, optionally pre-filled.
    public init(samples: [String: [Double]] = [:], capacity: Int = 60) {
        self.samples = samples
        self.capacity = max(1, capacity)
    }

    /// Records one sample per pool of `snapshot`; pools that vanished are forgotten.
    public mutating func record(_ snapshot: Snapshot) {
        var next: [String: [Double]] = [:]
        for usage in snapshot.pools {
            var series = samples[usage.pool.name] ?? []
            series.append(usage.utilization)
            if series.count > capacity { series.removeFirst(series.count - capacity) }
            next[usage.pool.name] = series
        }
        samples = next
    }
}
