import Inventory
import LPM

/// `gatewatch get capacity`: free addresses per AWS-backed pool and zone, and the ENI room of each
/// node, as tables for people or JSON for machines.
public enum CapacityOutput {
    /// Two tables: pools by zone, then nodes.
    public static func text(_ report: CapacityReport) -> String {
        var pools = TextTable("POOL", "ZONE", "SUBNET", "IPAM-FREE", "SUBNET-FREE", "WANTED", "RUNNING", "TERMINATING", "WANTED-BY")
        for row in report.pools {
            pools.add([row.pool, row.zone ?? "-", row.subnetID, String(row.ipamFree), row.subnetFree.map(String.init) ?? "-",
                       String(row.replicasWanted), String(row.running), String(row.terminatingPods.count),
                       row.wantedBy.joined(separator: ",").nonEmpty ?? "-"])
        }
        var sections = [report.pools.isEmpty ? "no AWS-backed IP pool" : "AWS-BACKED POOLS\n" + pools.rendered()]
        let terminating = report.pools.flatMap { row in row.terminatingPods.map { "  \(row.pool): \($0)" } }
        if !terminating.isEmpty {
            sections.append("TERMINATING PODS STILL HOLDING ADDRESSES\n" + terminating.joined(separator: "\n"))
        }
        var nodes = TextTable("NODE", "ZONE", "INSTANCE-TYPE", "ENIS", "IPS/ENI", "OTHER-ENIS", "CAPACITY", "SOURCE", "USED", "FREE")
        for row in report.nodes {
            nodes.add([row.node, row.zone ?? "-", row.instanceType ?? "-", row.eniSlots.map(String.init) ?? "-",
                       row.ipv4PerInterface.map(String.init) ?? "-", String(row.otherENIs),
                       row.capacity.map(String.init) ?? "-", row.source.rawValue, String(row.used),
                       row.free.map(String.init) ?? "-"])
        }
        let mode = "awsSecondaryIPSupport: \(report.secondaryIPSupport.rawValue)"
        sections.append(report.nodes.isEmpty ? "NODES (\(mode)): none with AWS-backed address room"
                                             : "NODES (\(mode))\n" + nodes.rendered())
        return sections.joined(separator: "\n\n")
    }

    /// `{secondaryIPSupport, pools: [...], nodes: [...]}`.
    public static func json(_ report: CapacityReport) -> JSONValue {
        .object([
            ("secondaryIPSupport", .string(report.secondaryIPSupport.rawValue)),
            ("pools", .array(report.pools.map { row in
                .object([
                    ("pool", .string(row.pool)),
                    ("cidr", .string(row.cidr.description)),
                    ("zone", .string(row.zone)),
                    ("subnetId", .string(row.subnetID)),
                    ("ipamFree", .wideInteger(String(row.ipamFree))),
                    ("subnetFree", row.subnetFree.map { .int($0) } ?? .null),
                    ("replicasWanted", .int(row.replicasWanted)),
                    ("wantedBy", .array(row.wantedBy.map { .string($0) })),
                    ("running", .int(row.running)),
                    ("terminatingPods", .array(row.terminatingPods.map { .string($0) })),
                ])
            })),
            ("nodes", .array(report.nodes.map { row in
                .object([
                    ("node", .string(row.node)),
                    ("zone", .string(row.zone)),
                    ("instanceType", .string(row.instanceType)),
                    ("eniSlots", row.eniSlots.map { .int($0) } ?? .null),
                    ("ipv4PerInterface", row.ipv4PerInterface.map { .int($0) } ?? .null),
                    ("otherEnis", .int(row.otherENIs)),
                    ("capacity", row.capacity.map { .int($0) } ?? .null),
                    ("source", .string(row.source.rawValue)),
                    ("used", .int(row.used)),
                    ("free", row.free.map { .int($0) } ?? .null),
                ])
            })),
        ])
    }
}
