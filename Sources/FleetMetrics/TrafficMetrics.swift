/// The hook through which observed traffic reaches the metrics: bytes and denies per namespace
/// (key as `traffic --by namespace` keys its rows: namespaces joined with `+`). The traffic side
/// builds it; the metrics only export it, the largest `MetricsLimits.maxTrafficNamespaces` rows
/// one by one and the rest as `_other`.
public struct TrafficMetrics: Hashable, Sendable {
    /// One namespace row.
    public struct Row: Hashable, Sendable {
        /// The namespace key.
        public var namespace: String
        /// Bytes from the cluster side.
        public var bytesOut: UInt64
        /// Bytes towards the cluster side.
        public var bytesIn: UInt64
        /// Firewall denies and flow-log rejects.
        public var denied: UInt64

        /// Creates a row.
        public init(namespace: String, bytesOut: UInt64, bytesIn: UInt64, denied: UInt64) {
            self.namespace = namespace
            self.bytesOut = bytesOut
            self.bytesIn = bytesIn
            self.denied = denied
        }
    }

    /// The rows.
    public var rows: [Row]

    /// Traffic of `rows`.
    public init(rows: [Row]) {
        self.rows = rows
    }
}
