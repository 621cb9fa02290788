import LPM

/// One row of the live Traffic view: the totals since the intake started and the bytes (out +
/// in) of each closed window, oldest first, the current partial window last.
public struct ObservedTrafficRow: Hashable, Sendable {
    /// The totals (key, namespaces, shared, bytes, flows, denied, cost).
    public var row: TrafficRow
    /// Bytes per window, oldest first.
    public var history: [UInt64]

    /// A row with its history.
    public init(row: TrafficRow, history: [UInt64]) {
        self.row = row
        self.history = history
    }
}

/// The access-control entry a firewall deny resolves to on the placed firewall's configuration.
public struct ObservedACE: Hashable, Sendable {
    /// The placement's name (`gatewatch.yaml` `firewalls:`).
    public var firewall: String
    /// The access list.
    public var accessList: String
    /// The entry's line in `show access-list` numbering; nil for the implicit deny.
    public var line: Int?
    /// The entry as configured (`implicit deny` for none).
    public var text: String

    /// An entry.
    public init(firewall: String, accessList: String, line: Int?, text: String) {
        self.firewall = firewall
        self.accessList = accessList
        self.line = line
        self.text = text
    }

    /// `firewall|list|line` (`implicit` for the implicit deny), the key of `ObservedTraffic.aceHits`
    /// and of the Rules view's lines.
    public var key: String { "\(firewall)|\(accessList)|\(line.map(String.init) ?? "implicit")" }
}

/// One firewall deny as the live feed shows it: what was denied, who it belongs to and the
/// entry that denied it.
public struct ObservedDeny: Hashable, Sendable {
    /// The message's time (its header), else when it arrived (Unix seconds).
    public var time: Int64
    /// Where it came from (`udp://0.0.0.0:5514`, a file).
    public var source: String
    /// `ASA`, `FTD`.
    public var product: String
    /// 106023, 106100, 106015, 430002…
    public var messageID: Int
    /// The protocol as written (`tcp`).
    public var protocolName: String
    /// The protocol number when known.
    public var ipProtocol: UInt8?
    /// The initiator's address.
    public var sourceAddress: IPAddress
    /// The initiator's port.
    public var sourcePort: UInt16?
    /// The responder's address.
    public var destination: IPAddress
    /// The responder's port (the ICMP type for 106100 ICMP).
    public var destinationPort: UInt16?
    /// The namespaces of the workloads the flow belongs to, sorted (empty: unattributed).
    public var namespaces: [String]
    /// The gateways (`namespace/name`) or nodes (`node/NAME`) it left through, sorted.
    public var gateways: [String]
    /// A workload pod (`namespace/name`) whose trace to the destination leaves as observed: the
    /// sender of the trace Enter opens.
    public var sender: String?
    /// The access list the message names.
    public var accessList: String?
    /// The hashes the message carries (106023, 106100).
    public var hashes: [String]
    /// The entry on the placed firewall that denies this packet, when a placed configuration has it.
    public var ace: ObservedACE?

    /// A deny.
    public init(time: Int64, source: String, product: String, messageID: Int, protocolName: String, ipProtocol: UInt8?,
                sourceAddress: IPAddress, sourcePort: UInt16?, destination: IPAddress, destinationPort: UInt16?,
                namespaces: [String], gateways: [String], sender: String?, accessList: String?, hashes: [String],
                ace: ObservedACE?) {
        self.time = time
        self.source = source
        self.product = product
        self.messageID = messageID
        self.protocolName = protocolName
        self.ipProtocol = ipProtocol
        self.sourceAddress = sourceAddress
        self.sourcePort = sourcePort
        self.destination = destination
        self.destinationPort = destinationPort
        self.namespaces = namespaces
        self.gateways = gateways
        self.sender = sender
        self.accessList = accessList
        self.hashes = hashes
        self.ace = ace
    }
}

/// What one intake source delivered and lost.
public struct ObservedSourceCounters: Hashable, Sendable {
    /// The source's label.
    public var source: String
    /// Lines or records taken in.
    public var received: UInt64 = 0
    /// Firewall messages or flow-log records read.
    public var read: UInt64 = 0
    /// Lines of supported messages that did not read (malformed).
    public var refused: UInt64 = 0
    /// Lines Gatewatch does not read (no tag, other message ids, other devices).
    public var ignored: UInt64 = 0
    /// Lines or records dropped because the intake's queue was full.
    public var droppedByIntake: UInt64 = 0
    /// What the source itself reports dropped (the syslog listener's queue, the kernel).
    public var droppedBySource: UInt64 = 0
    /// Why the source's last read failed (a CloudWatch Logs poll), nil once it reads again.
    public var failure: String?

    /// Nothing yet from `source`.
    public init(source: String) {
        self.source = source
    }

    /// Everything lost.
    public var dropped: UInt64 { droppedByIntake + droppedBySource }
}

/// The live Traffic view's content, published by the intake at most a few times a second:
/// top rows per grouping with their windowed history, the newest denies, per-ACE hits and what
/// each source delivered and dropped.
public struct ObservedTraffic: Hashable, Sendable {
    /// Top rows by bytes for `namespace`, `gateway` and `destination`, largest first.
    public var rows: [TrafficGrouping: [ObservedTrafficRow]] = [:]
    /// The newest denies, newest first.
    public var denies: [ObservedDeny] = []
    /// Denies seen per ACE (`ObservedACE.key`).
    public var aceHits: [String: UInt64] = [:]
    /// Per source, sorted by label.
    public var sources: [ObservedSourceCounters] = []
    /// Volume no workload owns.
    public var unattributed = TrafficTotals()
    /// The length of one history window, seconds.
    public var windowSeconds: Double = 0
    /// Denies that fell out of the feed (older than the newest `ObservedTraffic.denyLimit`).
    public var deniesOverwritten: UInt64 = 0
    /// Row keys evicted from the totals because a grouping held too many.
    public var evictedKeys: UInt64 = 0

    /// Nothing observed yet.
    public init() {}

    /// Everything the sources and the intake dropped.
    public var dropped: UInt64 { sources.reduce(0) { $0 + $1.dropped } }
}
