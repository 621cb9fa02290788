import Inventory

/// The top row: program, source, data age, a STALE marker when a source failed, and the counts
/// (gateways ready/total, pools, Elastic IPs, policies, firewalls).
enum HeaderBar {
    /// Draws the header on `row`.
    static func render(into grid: inout CellGrid, row: Int, model: ConsoleModel, context: FrameContext) {
        let width = grid.width
        let separator = context.glyphs.separator
        grid.fill(Rect(x: 0, y: row, width: width, height: 1), role: .header)
        let snapshot = model.snapshot
        let age = Formatting.age(seconds: context.now - context.receivedAt)
        let firewalls = model.firewalls.isEmpty ? "none" : model.firewalls.joined(separator: ",")
        let gateways = "\(model.readyGateways)/\(snapshot.gateways.count)"
        let full = "gateways \(gateways) ready\(separator)pools \(snapshot.pools.count)\(separator)EIPs "
            + "\(snapshot.elasticIPBindings.count)\(separator)policies \(snapshot.policies.count)\(separator)"
            + "firewall\(model.firewalls.count == 1 ? "" : "s") \(firewalls)"
        let compact = "gw \(gateways)\(separator)pools \(snapshot.pools.count)\(separator)EIPs "
            + "\(snapshot.elasticIPBindings.count)\(separator)pol \(snapshot.policies.count)\(separator)fw \(firewalls)"
        let stale = context.status.isStale ? " STALE: \(context.status.failures.joined(separator: "; ")) " : ""

        var x = grid.write(" gatewatch", x: 0, y: row, role: .headerAccent)
        x += grid.write(separator, x: x, y: row, role: .header)
        let left = " gatewatch" + separator
        let ageText = "\(separator)data \(age) ago"
        // Choose the counts that fit next to the essentials (name, source, age, STALE).
        let source = snapshot.source.description
        let essentials = CellWidth.columns(of: left) + CellWidth.columns(of: ageText) + CellWidth.columns(of: stale) + 2
        let minimumSource = min(CellWidth.columns(of: source), 12)
        var counts = full
        if essentials + minimumSource + CellWidth.columns(of: counts) + 1 > width { counts = compact }
        if essentials + minimumSource + CellWidth.columns(of: counts) + 1 > width { counts = "" }
        let countsWidth = CellWidth.columns(of: counts)
        let sourceRoom = max(0, width - essentials - countsWidth - (counts.isEmpty ? 0 : 1))
        x += grid.write(source, x: x, y: row, maxWidth: sourceRoom, role: .headerAccent, ellipsis: context.glyphs.ellipsis)
        x += grid.write(ageText, x: x, y: row, role: .header)
        if !stale.isEmpty {
            x += 1
            x += grid.write(stale, x: x, y: row, maxWidth: width - x - countsWidth - 1, role: .stale,
                            ellipsis: context.glyphs.ellipsis)
        }
        if !counts.isEmpty, width - countsWidth - 1 >= x {
            grid.write(counts, x: width - countsWidth - 1, y: row, role: .headerAccent)
        }
    }
}
