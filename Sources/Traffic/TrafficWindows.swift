/// Folds cumulative `TrafficReport`s (from an aggregator that is replaced now and then) into
/// bounded running totals per row key and a history of bytes per time window, for a live view.
///
/// - `fold` takes the aggregator's current report for a grouping: the difference from the last
///   report of the same epoch is added to the totals and to the open window.
/// - `startEpoch` forgets the baseline: the next report is counted whole (a new aggregator).
/// - `advance(to:)` closes every window that ended; each key's history is a ring of
///   `windowCount` windows.
/// - At most `keyLimit` keys are kept per grouping; past that the smallest (by bytes) are
///   evicted and counted in `evictedKeys`.
public struct TrafficWindows: Sendable {
    /// The groupings the live view shows.
    public static let groupings: [TrafficGrouping] = [.namespace, .gateway, .destination]
    /// Seconds per window.
    public let windowSeconds: Double
    /// Windows kept per key.
    public let windowCount: Int
    /// Keys kept per grouping.
    public let keyLimit: Int

    private struct Series: Sendable {
        var totals: TrafficRow
        var history: TrafficRing<UInt64>
        var open: UInt64 = 0
    }

    private var baseline: [TrafficGrouping: [String: TrafficRow]] = [:]
    private var series: [TrafficGrouping: [String: Series]] = [:]
    private var windowEnd: Double?
    /// Windows closed so far.
    public private(set) var closedWindows: UInt64 = 0
    /// Keys evicted because a grouping held more than `keyLimit`.
    public private(set) var evictedKeys: UInt64 = 0

    /// Windows of `windowSeconds`, `windowCount` of them per key, `keyLimit` keys per grouping.
    public init(windowSeconds: Double = 5, windowCount: Int = 48, keyLimit: Int = 256) {
        self.windowSeconds = max(0.001, windowSeconds)
        self.windowCount = max(1, windowCount)
        self.keyLimit = max(1, keyLimit)
    }

    /// Keys held for `grouping`.
    public func keyCount(_ grouping: TrafficGrouping) -> Int { series[grouping]?.count ?? 0 }

    /// Forgets the baseline: the next report of each grouping comes from a new aggregator.
    public mutating func startEpoch() {
        baseline.removeAll()
    }

    /// Closes the windows that ended by `now` (seconds); the first call opens the first window.
    public mutating func advance(to now: Double) {
        guard let end = windowEnd else {
            windowEnd = now + windowSeconds
            return
        }
        guard now >= end else { return }
        let elapsed = Int(((now - end) / windowSeconds).rounded(.down)) + 1
        windowEnd = end + Double(elapsed) * windowSeconds
        // Windows older than the ring's span are all zero; the open window is among them when
        // more windows passed than the ring holds.
        let closing = min(elapsed, windowCount)
        for grouping in Array(series.keys) {
            guard var keyed = series[grouping] else { continue }
            for key in Array(keyed.keys) {
                guard var entry = keyed[key] else { continue }
                for index in 0..<closing {
                    entry.history.append(index == 0 && elapsed <= windowCount ? entry.open : 0)
                }
                entry.open = 0
                keyed[key] = entry
            }
            series[grouping] = keyed
        }
        closedWindows += UInt64(elapsed)
    }

    /// Adds what `report` holds beyond the last report of its grouping in this epoch.
    public mutating func fold(_ report: TrafficReport) {
        let grouping = report.by
        var previous = baseline[grouping] ?? [:]
        var keyed = series[grouping] ?? [:]
        for row in report.rows {
            let before = previous[row.key]
            previous[row.key] = row
            let delta = Self.difference(row, before)
            guard delta.bytesOut + delta.bytesIn + delta.packets + delta.flows + delta.denied > 0
                    || delta.estimatedCostUSD > 0 || keyed[row.key] == nil else { continue }
            var entry = keyed[row.key] ?? Series(totals: TrafficRow(key: row.key), history: zeroHistory())
            entry.totals = Self.sum(entry.totals, delta)
            entry.open += delta.bytesOut + delta.bytesIn
            keyed[row.key] = entry
        }
        baseline[grouping] = previous
        if keyed.count > keyLimit {
            let ranked = keyed.sorted { a, b in
                let (x, y) = (a.value.totals.bytesOut + a.value.totals.bytesIn, b.value.totals.bytesOut + b.value.totals.bytesIn)
                return x != y ? x > y : a.key < b.key
            }
            for (key, _) in ranked.dropFirst(keyLimit) {
                keyed[key] = nil
                evictedKeys += 1
            }
        }
        series[grouping] = keyed
    }

    /// The `top` rows of `grouping` by bytes (then key), each with its closed windows and the open one.
    public func rows(_ grouping: TrafficGrouping, top: Int) -> [ObservedTrafficRow] {
        let ranked = (series[grouping] ?? [:]).values.sorted { a, b in
            let (x, y) = (a.totals.bytesOut + a.totals.bytesIn, b.totals.bytesOut + b.totals.bytesIn)
            return x != y ? x > y : a.totals.key < b.totals.key
        }
        return ranked.prefix(max(0, top)).map { entry in
            var row = entry.totals
            row.shared = row.namespaces.count > 1
            row.estimatedCostUSD = (row.estimatedCostUSD * 1_000_000).rounded() / 1_000_000
            return ObservedTrafficRow(row: row, history: entry.history.elements + [entry.open])
        }
    }

    private func zeroHistory() -> TrafficRing<UInt64> {
        var ring = TrafficRing<UInt64>(capacity: windowCount)
        for _ in 0..<Int(min(closedWindows, UInt64(windowCount))) { ring.append(0) }
        return ring
    }

    private static func difference(_ row: TrafficRow, _ before: TrafficRow?) -> TrafficRow {
        guard let before else { return row }
        var delta = TrafficRow(key: row.key)
        delta.namespaces = row.namespaces
        delta.bytesOut = row.bytesOut &- min(row.bytesOut, before.bytesOut)
        delta.bytesIn = row.bytesIn &- min(row.bytesIn, before.bytesIn)
        delta.packets = row.packets &- min(row.packets, before.packets)
        delta.flows = row.flows &- min(row.flows, before.flows)
        delta.denied = row.denied &- min(row.denied, before.denied)
        delta.estimatedCostUSD = max(0, row.estimatedCostUSD - before.estimatedCostUSD)
        for (path, bytes) in row.bytesByPath {
            let earlier = before.bytesByPath[path] ?? 0
            if bytes > earlier { delta.bytesByPath[path] = bytes - earlier }
        }
        return delta
    }

    private static func sum(_ a: TrafficRow, _ b: TrafficRow) -> TrafficRow {
        var row = a
        if !Set(b.namespaces).isSubset(of: row.namespaces) {
            row.namespaces = Array(Set(row.namespaces).union(b.namespaces)).sorted()
        }
        row.bytesOut += b.bytesOut
        row.bytesIn += b.bytesIn
        row.packets += b.packets
        row.flows += b.flows
        row.denied += b.denied
        row.estimatedCostUSD += b.estimatedCostUSD
        for (path, bytes) in b.bytesByPath { row.bytesByPath[path, default: 0] += bytes }
        return row
    }
}
