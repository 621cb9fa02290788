import Inventory

/// The text overview printed when the console has no terminal: header line and every view.
public enum Overview {
    /// The header line and every view of `snapshot`, as text.
    public static func text(_ snapshot: Snapshot) -> String {
        let ready = snapshot.gateways.filter(\.ready).count
        return """
        gatewatch — \(snapshot.source)   gateways \(ready)/\(snapshot.gateways.count) ready · pools \(snapshot.pools.count) · \
        EIPs \(snapshot.elasticIPBindings.count) · policies \(snapshot.policies.count) · \
        firewalls \(snapshot.config.firewalls.map(\.name).joined(separator: ", ").nonEmpty ?? "none")

        GATEWAYS
        \(ViewTables.gateways(snapshot))

        POOLS
        \(ViewTables.pools(snapshot))

        ELASTIC IPS
        \(ViewTables.elasticIPs(snapshot))

        \(ViewTables.policies(snapshot))
        """
    }
}
