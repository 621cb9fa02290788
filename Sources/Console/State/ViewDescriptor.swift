import Inventory

/// What the model builder hands a view's table builder.
internal struct ModelInputs: Sendable {
    /// The data.
    internal var snapshot: Snapshot
    /// Pool utilization samples by pool name, oldest first (empty for bundles).
    internal var utilizationHistory: [String: [Double]]
    /// The time rows are aged against, in seconds since 1970.
    internal var now: Double
}

/// One top-level view: how it is reached (number key, commands) and how its content is built.
///
/// Today every view is a table built from the Snapshot. A view of another kind (the Trace form,
/// Whois) adds a case to `Kind` and its renderer; views that are tables (Findings, Events) only
/// need a descriptor and a builder.
internal struct ViewDescriptor: Sendable {
    /// How the view's content is made.
    internal enum Kind: Sendable {
        /// A table built once per Snapshot.
        case table(@Sendable (ModelInputs) -> TableModel)
    }

    /// The view.
    internal var id: ViewID
    /// Its title in the tab bar and frame.
    internal var title: String
    /// The number key that shows it.
    internal var shortcut: Character
    /// Command-mode names, canonical first (`:gw`, `:gateways`).
    internal var commands: [String]
    /// One line for the help overlay and completion.
    internal var summary: String
    /// How its content is made.
    internal var kind: Kind
}

/// The console's views, in tab order.
internal enum ViewCatalog {
    internal static let all: [ViewDescriptor] = [
        ViewDescriptor(id: .gateways, title: "Gateways", shortcut: "1", commands: ["gw", "gateways"],
                       summary: "egress gateway pods by deployment",
                       kind: .table { GatewaysTable.model($0.snapshot, now: $0.now) }),
        ViewDescriptor(id: .pools, title: "Pools", shortcut: "2", commands: ["pools", "pool"],
                       summary: "IP pools, utilization and subnets",
                       kind: .table { PoolsTable.model($0.snapshot, history: $0.utilizationHistory) }),
        ViewDescriptor(id: .elasticIPs, title: "Elastic IPs", shortcut: "3", commands: ["eips", "eip"],
                       summary: "Elastic IPs and the gateways they serve",
                       kind: .table { ElasticIPsTable.model($0.snapshot) }),
        ViewDescriptor(id: .policies, title: "Policies", shortcut: "4", commands: ["pol", "policies"],
                       summary: "EgressGatewayPolicy rules and their gateways",
                       kind: .table { PoliciesTable.model($0.snapshot) }),
    ]

    /// The descriptor of `id`.
    internal static func descriptor(_ id: ViewID) -> ViewDescriptor? {
        all.first { $0.id == id }
    }
}
