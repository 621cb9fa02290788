/// How close an address space (an IP pool, a VPC subnet) is to running out: the bands `check`,
/// the Pools view's gauges and the Events view share, so they can never disagree.
public enum PoolPressure: Int, Hashable, Sendable, Comparable, CaseIterable {
    /// Below 80 % used.
    case normal = 0
    /// From 80 % used: a warning.
    case high = 1
    /// From 95 % used: an error, allocation is about to fail.
    case critical = 2

    /// The utilization from which a space is `high` (0.80).
    public static let highThreshold = 0.80
    /// The utilization from which a space is `critical` (0.95).
    public static let criticalThreshold = 0.95

    /// The band `utilization` (0…1) falls in.
    public init(utilization: Double) {
        self = utilization >= Self.criticalThreshold ? .critical : (utilization >= Self.highThreshold ? .high : .normal)
    }

    /// Lower bands first.
    public static func < (lhs: PoolPressure, rhs: PoolPressure) -> Bool { lhs.rawValue < rhs.rawValue }
}
