import Inventory
import LPM

/// The derived views as text tables for people.
public enum ViewTables {
    /// The egress gateways as a table.
    public static func gateways(_ snapshot: Snapshot) -> String {
        var table = TextTable("NAMESPACE", "NAME", "IP", "NODE", "ZONE", "READY", "POOL", "ENI", "ELASTIC-IP", "REASON",
                              "OPERATOR", "PROBES")
        for g in snapshot.gateways {
            table.add([g.namespace, g.name, g.ip?.description ?? "-", g.node ?? "-", g.zone ?? "-",
                       g.ready ? "yes" : "NO", g.pool ?? "-", g.networkInterfaceID ?? "-", g.elasticIP?.description ?? "-",
                       g.notReadyReason ?? "-", g.egressGateway?.conditionSummary ?? "-", g.probeSummary ?? "-"])
        }
        return table.rendered()
    }

    /// The IP pools as a table.
    public static func pools(_ snapshot: Snapshot) -> String {
        var table = TextTable("NAME", "CIDR", "AWS-SUBNET", "ALLOCATED", "CAPACITY", "UTIL", "SUBNET-FREE", "RESERVATION")
        for p in snapshot.pools {
            table.add([p.pool.name, p.pool.cidr.description, p.pool.awsSubnetID ?? "-", String(p.allocated),
                       p.exactCapacity.description, percent(p.utilization), p.subnetAvailable.map(String.init) ?? "-",
                       p.subnetReservations.map { $0.cidr.description }.joined(separator: ",").nonEmpty ?? "-"])
        }
        return table.rendered()
    }

    /// The Elastic IPs as a table.
    public static func elasticIPs(_ snapshot: Snapshot) -> String {
        var table = TextTable("ALLOCATION", "PUBLIC-IP", "PRIVATE-IP", "ENI", "INSTANCE", "GATEWAY", "STATUS")
        for b in snapshot.elasticIPBindings {
            let e = b.elasticIP
            table.add([e.allocationID ?? "-", e.publicIP.description, e.privateIPAddress?.description ?? "-",
                       e.networkInterfaceID ?? "-", e.instanceID ?? "-", b.gateway ?? "-", b.status.rawValue])
        }
        return table.rendered()
    }

    /// One table per EgressGatewayPolicy.
    public static func policies(_ snapshot: Snapshot) -> String {
        var sections: [String] = []
        for summary in snapshot.policies {
            var table = TextTable("#", "CIDR", "DESCRIPTION", "GATEWAYS", "READY", "MAX-HOPS", "PREFERENCE")
            for rule in summary.rules {
                let gateways = rule.rule.gateway == nil ? "(no gateway)" : (rule.gatewayText ?? "-")
                let ready = rule.rule.gateway == nil ? "-" : "\(rule.readyCount)/\(rule.gateways.count)"
                let hops = rule.rule.gateway.map { $0.maxNextHops == 0 ? "all" : String($0.maxNextHops) } ?? "-"
                table.add([String(rule.index), rule.cidr.description, rule.rule.description ?? "", gateways, ready, hops,
                           rule.rule.gatewayPreference.rawValue])
            }
            let users = summary.usedBy.isEmpty ? "nobody" : summary.usedBy.joined(separator: ", ")
            sections.append("POLICY \(summary.policy.name)  (used by \(users); \(summary.podCount) pods)\n" + table.rendered())
        }
        return sections.isEmpty ? "no EgressGatewayPolicy" : sections.joined(separator: "\n\n")
    }

    /// `12.5%` for 0.125.
    public static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

extension String {
    /// nil for the empty string.
    public var nonEmpty: String? { isEmpty ? nil : self }
}
