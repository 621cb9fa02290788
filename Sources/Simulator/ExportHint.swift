import Firewall
import Inventory
import LPM

/// The clause `check` adds to `uncovered-gateway` and `stale-ace` messages: which object-group of
/// `gatewatch export asa-objects` would fix the finding.
enum ExportHint {
    /// `; object-group NAME of gatewatch export asa-objects holds it` for the group holding the
    /// address the firewall sees, or nothing.
    static func uncoveredGateway(_ seen: IPAddress, exported: GatewayObjectGroups) -> String {
        guard let group = exported.group(containing: seen) else { return "" }
        return "; a permit for object-group \(group.name) (gatewatch export asa-objects) would cover it"
    }

    /// `; object-group NAME … holds the current gateways` for the groups of the policy rules whose
    /// destination the entry's destinations overlap, or nothing.
    static func staleEntry(_ entry: ExpandedAccessControlEntry, exported: GatewayObjectGroups,
                           policies: [EgressGatewayPolicy]) -> String {
        var names: [String] = []
        for policy in policies.sorted(by: { $0.name < $1.name }) {
            for (index, rule) in policy.rules.enumerated() where rule.gateway != nil {
                let destination = rule.effectiveDestination
                guard entry.destinations.contains(where: { AccessListAudit.overlaps($0, destination) }) else { continue }
                for group in exported.privateGroups(policy: policy.name, rule: index) where !names.contains(group.name) {
                    names.append(group.name)
                }
            }
        }
        guard !names.isEmpty else { return "" }
        let groups = names.map { "object-group \($0)" }.joined(separator: ", ")
        return "; \(groups) (gatewatch export asa-objects) hold\(names.count == 1 ? "s" : "") the current gateways for its destination"
    }
}
