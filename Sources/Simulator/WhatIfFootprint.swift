import Inventory
import LPM

/// What a candidate changes besides policies (firewall configurations, AWS objects, gateway
/// readiness), and which trace decisions it can touch: a decision that meets none of the changed
/// firewalls, gateways, security groups, subnets (their network ACL or route table) or transit
/// gateway routes gives the same trace on both sides, so `WhatIf` need not trace it again.
/// A change it cannot narrow (ENIs, subnets, Elastic IPs, prefix lists, firewall placements…)
/// touches everything.
struct WhatIfFootprint {
    /// A change that can move any outcome: every decision is touched.
    private(set) var everything = false
    /// Firewall placements (by name) whose configuration text changed.
    private(set) var firewalls: Set<String> = []
    /// Gateways (`namespace/name`) whose readiness changed (`whatif --fail`).
    private(set) var gateways: Set<String> = []
    /// Security groups (by ID) changed, added or removed.
    private(set) var securityGroups: Set<String> = []
    /// Subnets whose network ACL or route table changed (or is another one on the other side).
    private(set) var subnets: Set<String> = []
    /// Transit gateway attachments, tables, associations or routes changed.
    private(set) var transitGateways = false

    /// True when nothing but policies differs.
    var isEmpty: Bool {
        !everything && firewalls.isEmpty && gateways.isEmpty && securityGroups.isEmpty && subnets.isEmpty && !transitGateways
    }

    init(before: Snapshot, after: Snapshot) {
        var beforeCluster = before.cluster
        var afterCluster = after.cluster
        beforeCluster.policies = []
        afterCluster.policies = []
        if before.config != after.config { everything = true }
        if beforeCluster != afterCluster {
            compareGateways(beforeCluster, afterCluster, known: before.gatewaysByQualifiedName)
        }
        if before.firewallConfigs != after.firewallConfigs { compareFirewalls(before, after) }
        if before.aws != after.aws { compareAWS(before.aws, after.aws) }
    }

    /// Readiness of gateway pods is the only cluster change narrowed (`whatif --fail`); any other
    /// pod's readiness (a sender's) touches everything.
    private mutating func compareGateways(_ before: ClusterState, _ after: ClusterState,
                                          known: GatewayIndex) {
        guard before.pods.count == after.pods.count else { everything = true; return }
        var pods = after.pods
        for index in pods.indices where pods[index] != before.pods[index] {
            var old = before.pods[index]
            old.ready = pods[index].ready
            old.readinessReason = pods[index].readinessReason
            guard old == pods[index], known[old.qualifiedName] != nil else { everything = true; return }
            gateways.insert(pods[index].qualifiedName)
            pods[index] = before.pods[index]
        }
        var rest = after
        rest.pods = before.pods
        if rest != before { everything = true }
    }

    private mutating func compareFirewalls(_ before: Snapshot, _ after: Snapshot) {
        let old = Dictionary(before.firewallConfigs.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.firewallConfigs.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for path in Set(old.keys).union(new.keys) where old[path] != new[path] {
            let placed = after.config.firewalls.filter { $0.config == path }
            // A file no placement uses changes no trace.
            firewalls.formUnion(placed.map(\.name))
        }
    }

    private mutating func compareAWS(_ before: AWSState, _ after: AWSState) {
        var rest = after
        rest.securityGroups = before.securityGroups
        rest.networkAcls = before.networkAcls
        rest.routeTables = before.routeTables
        rest.transitGatewayAttachments = before.transitGatewayAttachments
        rest.transitGatewayRouteTables = before.transitGatewayRouteTables
        rest.transitGatewayRouteTableAssociations = before.transitGatewayRouteTableAssociations
        rest.transitGatewayRoutes = before.transitGatewayRoutes
        // Anything else (ENIs, subnets, addresses, NAT gateways, endpoints, prefix lists…) moves
        // sources or routes everywhere; so does a kind appearing or vanishing (its phase stops
        // being skipped, or starts).
        if rest != before || before.securityGroups.isEmpty != after.securityGroups.isEmpty
            || before.networkAcls.isEmpty != after.networkAcls.isEmpty
            || before.transitGatewayRouteTables.isEmpty != after.transitGatewayRouteTables.isEmpty {
            everything = true
            return
        }
        securityGroups = Self.changedIDs(before.securityGroups, after.securityGroups, id: \.groupID)
        let acls = Self.changedIDs(before.networkAcls, after.networkAcls, id: \.networkAclID)
        let tables = Self.changedIDs(before.routeTables, after.routeTables, id: \.routeTableID)
        if !acls.isEmpty || !tables.isEmpty {
            for subnet in before.subnets {
                let aclBefore = Self.networkAcl(of: subnet, in: before.networkAcls)
                let aclAfter = Self.networkAcl(of: subnet, in: after.networkAcls)
                let tableBefore = Self.routeTable(of: subnet, in: before.routeTables)
                let tableAfter = Self.routeTable(of: subnet, in: after.routeTables)
                if aclBefore != aclAfter || aclBefore.map(acls.contains) == true
                    || tableBefore != tableAfter || tableBefore.map(tables.contains) == true {
                    subnets.insert(subnet.subnetID)
                }
            }
        }
        transitGateways = before.transitGatewayAttachments != after.transitGatewayAttachments
            || before.transitGatewayRouteTables != after.transitGatewayRouteTables
            || before.transitGatewayRouteTableAssociations != after.transitGatewayRouteTableAssociations
            || before.transitGatewayRoutes != after.transitGatewayRoutes
    }

    /// The IDs whose object differs between the two lists, or is in one only.
    private static func changedIDs<Object: Equatable>(_ before: [Object], _ after: [Object],
                                                      id: (Object) -> String) -> Set<String> {
        var old: [String: [Object]] = [:]
        for object in before { old[id(object), default: []].append(object) }
        var new: [String: [Object]] = [:]
        for object in after { new[id(object), default: []].append(object) }
        return Set(Set(old.keys).union(new.keys).filter { old[$0] != new[$0] })
    }

    /// The ACL that applies to `subnet`, as `PreparedPathFilters` picks it: the one associated,
    /// else the VPC's default.
    private static func networkAcl(of subnet: Subnet, in acls: [NetworkAcl]) -> String? {
        (acls.first { $0.associations.contains { $0.subnetID == subnet.subnetID } }
            ?? acls.first { $0.isDefault && $0.vpcID == subnet.vpcID })?.networkAclID
    }

    /// The route table of `subnet`, as `SimulationContext` picks it: explicit, else the main one.
    private static func routeTable(of subnet: Subnet, in tables: [RouteTable]) -> String? {
        (tables.first { $0.subnetIDs.contains(subnet.subnetID) }
            ?? tables.first { $0.isMain && $0.vpcID == subnet.vpcID })?.routeTableID
    }

    /// True when only gateways, security groups and subnets changed: whether a pair meets them
    /// depends on where its packet leaves from, so `mayTouch` is exact and no path is followed.
    var touchesSourcesOnly: Bool { !everything && firewalls.isEmpty && !transitGateways }

    /// False when a packet to `destination` departing so cannot meet anything the candidate
    /// changed. Exact for changed gateways, security groups and subnets; for a changed firewall
    /// or transit gateway route, true when a VPC route for the destination in a source's route
    /// table leads to it (directly, or through the transit gateway route behind it), though a
    /// security group or network ACL may drop the packet first: `touches(_:interfaces:)` on the
    /// decision then tells. Not for a footprint that touches `everything`.
    func mayTouch(_ departure: Tracer.Departure, destination: IPAddress,
                  interfaces: [String: NetworkInterface]) -> Bool {
        switch departure {
        case .direct(let source):
            return mayTouch(source, destination: destination, interfaces: interfaces)
        case .dropped(let step):
            return step.map(touchesCandidates) ?? false
        case .gateways(let step):
            return touchesCandidates(step)
                || step.chosen.contains { mayTouch($0.source, destination: destination, interfaces: interfaces) }
        }
    }

    /// `mayTouch` for one source.
    private func mayTouch(_ source: PreparedSource, destination: IPAddress,
                          interfaces: [String: NetworkInterface]) -> Bool {
        if touches(source, interfaces: interfaces) { return true }
        guard !firewalls.isEmpty || transitGateways, let route = source.routeTable?.routes.value(for: destination) else {
            return false
        }
        if transitGateways, route.exit == .transitGateway { return true }
        if let firewall = route.firewall, firewalls.contains(firewall.placement.name) { return true }
        if !firewalls.isEmpty, case .table(_, let table)? = route.transitGateway,
           let firewall = table.routes.value(for: destination)?.firewall, firewalls.contains(firewall.placement.name) {
            return true
        }
        return false
    }

    /// True when one of the step's candidates is a gateway whose readiness changed.
    private func touchesCandidates(_ step: GatewayStep) -> Bool {
        !gateways.isEmpty && step.candidates.contains { gateways.contains($0.qualifiedName) }
    }

    /// True when the source's ENI is in a changed security group, or its subnet changed.
    private func touches(_ source: PreparedSource, interfaces: [String: NetworkInterface]) -> Bool {
        if !securityGroups.isEmpty, let eni = source.path.networkInterface,
           interfaces[eni]?.groupIDs.contains(where: securityGroups.contains) == true {
            return true
        }
        if !subnets.isEmpty, let subnet = source.subnet, subnets.contains(subnet) { return true }
        return false
    }

    /// True when `decision` meets something the candidate changed.
    func touches(_ decision: TraceDecision, interfaces: [String: NetworkInterface]) -> Bool {
        if everything { return true }
        if let step = decision.gateway, touchesCandidates(step) { return true }
        for path in decision.paths {
            if touches(path.source, interfaces: interfaces) { return true }
            if case .routed(_, let route) = path.route {
                if transitGateways, route.exit == .transitGateway { return true }
            }
            if !firewalls.isEmpty {
                switch path.firewall {
                case .decided(let placed, _, _), .unavailable(let placed), .sourceUnknown(let placed):
                    if firewalls.contains(placed.placement.name) { return true }
                case .notReached, .routeNotEvaluated, .noFirewall:
                    break
                }
            }
        }
        return false
    }
}
