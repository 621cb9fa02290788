import Inventory

/// Which kinds a live observation is complete for, from the sources' health: a side that has
/// delivered (live, or stale with its last data) speaks for its kinds; a side still connecting or
/// that failed before delivering says nothing about its objects, so their versions stay open
/// rather than ending because nobody could look. The configuration (`gatewatch.yaml`, firewall
/// files), read locally, is always in scope.
public enum ObservationScope {
    /// What the Kubernetes side reads.
    public static let kubernetes: Set<BundleObjectKind> = [
        .namespace, .node, .pod, .ipPool, .ipReservation, .policy, .ipamBlock, .blockAffinity, .felixConfiguration,
        .egressGateway,
    ]
    /// What is read from the configuration directory.
    public static let settings: Set<BundleObjectKind> = [.firewallConfig, .gatewatchConfig]
    /// What the EC2 side reads: every other kind.
    public static let aws: Set<BundleObjectKind> = Set(BundleObjectKind.allCases).subtracting(kubernetes).subtracting(settings)

    /// The kinds an observation with `health` is complete for.
    public static func kinds(for health: SourceHealth) -> Set<BundleObjectKind> {
        var kinds = settings
        if delivered(health[.kube]) { kinds.formUnion(kubernetes) }
        if delivered(health[.aws]) { kinds.formUnion(aws) }
        return kinds
    }

    private static func delivered(_ source: SourceHealth.Source?) -> Bool {
        guard let source else { return false }
        switch source.phase {
        case .live, .stale: return true
        case .connecting, .failed: return false
        }
    }
}
