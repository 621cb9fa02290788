import Inventory
import Simulator

/// What the model builder hands a view's table builder.
internal struct ModelInputs: Sendable {
    /// The data.
    internal var snapshot: Snapshot
    /// The simulator prepared for `snapshot` (Findings, traces, whois).
    internal var simulation: Simulation
    /// Pool utilization samples by pool name, oldest first (empty for bundles).
    internal var utilizationHistory: [String: [Double]]
    /// The time rows are aged against, in seconds since 1970.
    internal var now: Double
    /// Owners of an address over time, from the journal (nil without one).
    internal var timeline: AddressTimeline?

    /// Inputs for `snapshot`; `simulation` is made (and prepared when first used) when not given.
    internal init(snapshot: Snapshot, simulation: Simulation? = nil, utilizationHistory: [String: [Double]], now: Double,
                  timeline: AddressTimeline? = nil) {
        self.snapshot = snapshot
        self.simulation = simulation ?? Simulation(snapshot: snapshot)
        self.utilizationHistory = utilizationHistory
        self.now = now
        self.timeline = timeline
    }
}

/// One top-level view: how it is reached (number key, commands) and how its content is built.
///
/// Most views are tables built from the Snapshot the first time they are shown (per Snapshot, so
/// a new Snapshot costs only the shown view's rows); Events is a table of the console's own event log; Trace and Whois are
/// forms with their own renderers.
internal struct ViewDescriptor: Sendable {
    /// How the view's content is made.
    internal enum Kind: Sendable {
        /// A table built from the Snapshot the first time the view is shown (per Snapshot).
        case table(@Sendable (ModelInputs) -> TableModel)
        /// The table of the console's event log (rebuilt when an event is added).
        case eventLog
        /// The trace form and its result.
        case traceForm
        /// The whois prompt and its result.
        case whoisForm
        /// The table of observed traffic (rebuilt when the traffic intake publishes).
        case observedTraffic
    }

    /// The view.
    internal var id: ViewID
    /// Its title in the tab bar and frame.
    internal var title: String
    /// A shorter title for the tab bar on narrow screens.
    internal var shortTitle: String
    /// The number key that shows it.
    internal var shortcut: Character
    /// Command-mode names, canonical first (`:gw`, `:gateways`).
    internal var commands: [String]
    /// One line for the help overlay and completion.
    internal var summary: String
    /// How its content is made.
    internal var kind: Kind
    /// True when the table built from the first inputs is the table of the second (a new Snapshot
    /// that changed nothing the table shows); nil when a table is always built again.
    internal var reusable: (@Sendable (ModelInputs, ModelInputs) -> Bool)? = nil
}

/// The console's views, in tab order.
internal enum ViewCatalog {
    internal static let all: [ViewDescriptor] = [
        ViewDescriptor(id: .gateways, title: "Gateways", shortTitle: "GWs", shortcut: "1", commands: ["gw", "gateways"],
                       summary: "egress gateway pods by deployment",
                       kind: .table { GatewaysTable.model($0.snapshot, now: $0.now) },
                       reusable: GatewaysTable.reusable(from:for:)),
        ViewDescriptor(id: .pools, title: "Pools", shortTitle: "Pools", shortcut: "2", commands: ["pools", "pool"],
                       summary: "IP pools, utilization and subnets",
                       kind: .table { PoolsTable.model($0.snapshot, history: $0.utilizationHistory) }),
        ViewDescriptor(id: .elasticIPs, title: "Elastic IPs", shortTitle: "EIPs", shortcut: "3", commands: ["eips", "eip"],
                       summary: "Elastic IPs and the gateways they serve",
                       kind: .table { ElasticIPsTable.model($0.snapshot) },
                       reusable: { $0.snapshot.elasticIPBindings == $1.snapshot.elasticIPBindings }),
        ViewDescriptor(id: .policies, title: "Policies", shortTitle: "Pol", shortcut: "4", commands: ["pol", "policies"],
                       summary: "EgressGatewayPolicy rules and their gateways",
                       kind: .table { PoliciesTable.model($0.snapshot) },
                       reusable: { $0.snapshot.policies == $1.snapshot.policies }),
        ViewDescriptor(id: .trace, title: "Trace", shortTitle: "Trace", shortcut: "5", commands: ["trace"],
                       summary: "trace a packet from a pod to the firewall", kind: .traceForm),
        ViewDescriptor(id: .whois, title: "Whois", shortTitle: "Whois", shortcut: "6", commands: ["whois"],
                       summary: "what an IP or an ASA syslog line's source is", kind: .whoisForm),
        ViewDescriptor(id: .findings, title: "Findings", shortTitle: "Find", shortcut: "7",
                       commands: ["check", "findings"], summary: "misconfigurations (`check`), errors first",
                       kind: .table { FindingsTable.model($0.simulation.findings(), snapshot: $0.snapshot) }),
        ViewDescriptor(id: .events, title: "Events", shortTitle: "Events", shortcut: "8", commands: ["events"],
                       summary: "gateway, pool, Elastic IP and source changes", kind: .eventLog),
        ViewDescriptor(id: .rules, title: "Rules", shortTitle: "ACEs", shortcut: "9", commands: ["rules", "acl"],
                       summary: "firewall ACEs and the workloads whose egress each decides",
                       kind: .table { RulesTable.model($0.simulation) }),
        ViewDescriptor(id: .traffic, title: "Traffic", shortTitle: "Traffic", shortcut: "0", commands: ["traffic"],
                       summary: "observed traffic by workload, gateway, destination; firewall denies",
                       kind: .observedTraffic),
    ]

    /// The descriptor of `id`.
    internal static func descriptor(_ id: ViewID) -> ViewDescriptor? {
        all.first { $0.id == id }
    }
}
