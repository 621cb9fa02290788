import Inventory
import LPM

/// Remembers since when each Elastic IP has been seen idle (not associated, still billed), so the
/// metrics can say for how many hours. AWS does not record it; the clock starts when Gatewatch
/// first sees the address idle and stops when it is associated again.
public struct ElasticIPIdleTracker: Hashable, Sendable {
    private var idleSince: [IPAddress: Double] = [:]

    /// An empty tracker.
    public init() {}

    /// Folds in the bindings of a new Snapshot seen at `now` (seconds since 1970).
    public mutating func observe(_ bindings: [ElasticIPBinding], now: Double) {
        var next: [IPAddress: Double] = [:]
        for binding in bindings where binding.status == .idle {
            let address = binding.elasticIP.publicIP
            next[address] = idleSince[address] ?? now
        }
        idleSince = next
    }

    /// Seconds each currently idle address has been seen idle at `now`.
    public func idleSeconds(now: Double) -> [IPAddress: Double] {
        idleSince.mapValues { max(0, now - $0) }
    }
}
