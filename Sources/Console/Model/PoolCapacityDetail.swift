import Inventory

/// The pool page's Capacity section: the pool's zone figures, the terminating pods still holding
/// its addresses, and the address room of each node in its zone (`get capacity`'s node rows).
internal enum PoolCapacityDetail {
    internal static func add(to page: inout DetailPage, pool name: String, snapshot: Snapshot) {
        let report = snapshot.capacity
        guard let row = report.pools.first(where: { $0.pool == name }) else { return }
        page.section("Capacity")
        page.field("Zone", row.zone)
        page.field("Free (IPAM)", String(row.ipamFree))
        page.field("Free (subnet)", row.subnetFree.map(String.init))
        page.field("Replicas wanted", "\(row.replicasWanted)"
                   + (row.wantedBy.isEmpty ? "" : " (\(row.wantedBy.joined(separator: ", ")))"))
        page.field("Gateways running", String(row.running),
                   role: row.free < UInt64(row.missingReplicas) ? .error : .text)
        for pod in row.terminatingPods { page.field("Terminating", pod, role: .warn, link: .gateway(pod)) }
        let nodes = report.nodes.filter { $0.zone != nil && $0.zone == row.zone }
        guard !nodes.isEmpty else { return }
        page.text("Node address room (awsSecondaryIPSupport \(report.secondaryIPSupport.rawValue)):")
        for node in nodes {
            let room = node.capacity.map { "\(node.used)/\($0) used, \(node.free ?? 0) free" } ?? "\(node.used) used, room unknown"
            let type = node.instanceType.map { " · \($0)" } ?? ""
            page.text("  \(node.node)  \(room) (\(node.source.rawValue)\(type))",
                      role: (node.free ?? 0) < 0 ? .error : .text)
        }
    }
}
