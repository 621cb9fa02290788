/// Bounds on the label sets Gatewatch exports, so a large cluster cannot blow up a Prometheus
/// server's series count. What goes past a bound is summed into one series whose label reads
/// `_other` (docs/METRICS.md lists every family and its labels).
public enum MetricsLimits {
    /// Gateway pods exported one by one (`gatewatch_gateway_pod_ready`); the rest are summed per group.
    public static let maxGatewayPods = 500
    /// Gateway groups (EgressGateway or Deployment per namespace).
    public static let maxGatewayGroups = 200
    /// IP pools.
    public static let maxPools = 200
    /// Namespaces in the traffic families.
    public static let maxTrafficNamespaces = 50
    /// The label value that stands for everything past a bound.
    public static let otherLabel = "_other"
}
