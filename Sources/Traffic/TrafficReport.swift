import Inventory

/// Volume without a row: `{bytesOut, bytesIn, packets, flows, denied}`.
public struct TrafficTotals: Hashable, Sendable {
    /// Bytes from the cluster side.
    public var bytesOut: UInt64
    /// Bytes towards the cluster side.
    public var bytesIn: UInt64
    /// Packets both ways.
    public var packets: UInt64
    /// Connections.
    public var flows: UInt64
    /// REJECT records and firewall denies.
    public var denied: UInt64

    /// Totals of the given counts.
    public init(bytesOut: UInt64 = 0, bytesIn: UInt64 = 0, packets: UInt64 = 0, flows: UInt64 = 0, denied: UInt64 = 0) {
        self.bytesOut = bytesOut
        self.bytesIn = bytesIn
        self.packets = packets
        self.flows = flows
        self.denied = denied
    }
}

/// One row of `gatewatch traffic`.
public struct TrafficRow: Hashable, Sendable {
    /// The row's key under the grouping (`payments`, `dlp-service-egw/…`, `Cisco-Secure-Firewall#0`…).
    public var key: String
    /// Every namespace whose traffic is in the row, sorted.
    public var namespaces: [String] = []
    /// True when the row's traffic cannot be split between several namespaces.
    public var shared = false
    /// Bytes from the cluster side.
    public var bytesOut: UInt64 = 0
    /// Bytes towards the cluster side.
    public var bytesIn: UInt64 = 0
    /// Packets both ways.
    public var packets: UInt64 = 0
    /// Connections.
    public var flows: UInt64 = 0
    /// REJECT records and firewall denies.
    public var denied: UInt64 = 0
    /// Out + in bytes per route target type.
    public var bytesByPath: [TrafficPathType: UInt64] = [:]
    /// The cost estimate in USD (rounded to a millionth).
    public var estimatedCostUSD: Double = 0

    /// An empty row for `key`.
    public init(key: String) {
        self.key = key
    }
}

/// What the traffic sources held and what was set aside.
public struct TrafficSources: Hashable, Sendable {
    /// Each flow-log file read.
    public var flowLogs: [FlowLogReader.Summary] = []
    /// Each syslog file read.
    public var syslog: [SyslogReader.Summary] = []
    /// Records of a connection already counted from another ENI.
    public var duplicates = 0
    /// Records and messages not between the cluster side and the outside.
    public var notEgress = 0
    /// NAT gateway records of the translated side (the client side counts the same traffic).
    public var natTranslated = 0
    /// Records and messages outside --since/--until.
    public var outsideWindow = 0

    /// No sources yet.
    public init() {}
}

/// The result of `gatewatch traffic`: `{by, since, until, rows, unattributed, prices, sources}`.
public struct TrafficReport: Hashable, Sendable {
    /// The grouping.
    public var by: TrafficGrouping
    /// The window's start (Unix seconds), if given.
    public var since: Int64?
    /// The window's end (exclusive), if given.
    public var until: Int64?
    /// The rows, largest first.
    public var rows: [TrafficRow]
    /// Volume no workload owns.
    public var unattributed: TrafficTotals
    /// The price table used.
    public var prices: PriceTable
    /// What was read.
    public var sources: TrafficSources
}
