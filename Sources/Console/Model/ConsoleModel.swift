import Inventory

/// Everything the views show for one Snapshot, built once when it arrives: every view's rows and
/// the header's counts. Rendering a frame only reads it.
internal struct ConsoleModel: Sendable {
    /// The data.
    internal let snapshot: Snapshot
    /// Table rows per view.
    internal let tables: [ViewID: TableModel]
    /// `gateways ready/total`.
    internal let readyGateways: Int
    /// Firewall names from `gatewatch.yaml`.
    internal let firewalls: [String]
    /// Increases with every Snapshot, so cached display lists know to rebuild.
    internal let generation: Int

    /// Builds every view's content.
    internal init(_ inputs: ModelInputs, generation: Int) {
        snapshot = inputs.snapshot
        var tables: [ViewID: TableModel] = [:]
        for view in ViewCatalog.all {
            switch view.kind {
            case .table(let build): tables[view.id] = build(inputs)
            }
        }
        self.tables = tables
        readyGateways = inputs.snapshot.gateways.reduce(0) { $0 + ($1.ready ? 1 : 0) }
        firewalls = inputs.snapshot.config.firewalls.map(\.name)
        self.generation = generation
    }
}
