import Inventory
import LPM

/// Builds drill-down pages from a Snapshot: gateway → its pool, ENI, Elastic IP and the rules
/// that select it; pool → its blocks and gateways; Elastic IP → its gateway; rule → its gateways.
internal enum DetailPages {
    /// The page for `target`, or a page saying it is gone from this Snapshot.
    internal static func page(for target: DetailTarget, in snapshot: Snapshot) -> DetailPage {
        switch target {
        case .gateway(let name): return gateway(name, snapshot)
        case .pool(let name): return pool(name, snapshot)
        case .elasticIP(let address): return elasticIP(address, snapshot)
        case .rule(let policy, let index): return rule(policy: policy, index: index, snapshot)
        case .pod(let name): return pod(name, snapshot)
        case .finding(let severity, let code, let message, let objects):
            return finding(severity: severity, code: code, message: message, objects: objects, snapshot)
        case .accessControlEntry(let reference): return RulesPage.page(reference)
        case .observedFlow(let sender, let destination, let proto):
            var page = DetailPage(title: "\(sender ?? "-") > \(destination)/\(proto)")
            page.text("An observed flow: Enter on it in the Traffic view traces it.", role: .muted)
            return page
        }
    }

    private static func missing(_ title: String, _ what: String) -> DetailPage {
        var page = DetailPage(title: title)
        page.text("\(what) is not in the current Snapshot.", role: .warn)
        return page
    }

    internal static func gateway(_ name: String, _ snapshot: Snapshot) -> DetailPage {
        guard let gateway = snapshot.gatewaysByQualifiedName[name] else { return missing(name, "Gateway \(name)") }
        var page = DetailPage(title: gateway.name)
        page.section("Gateway pod")
        page.field("Namespace", gateway.namespace)
        page.field("Name", gateway.name)
        page.field("Group", gateway.deployment ?? "(no deployment)")
        page.field("IP", gateway.ip?.description)
        page.field("Node", gateway.node.map { node in gateway.zone.map { "\(node) (\($0))" } ?? node })
        page.field("Ready", gateway.ready ? "yes" : "NO (\(gateway.pod.phase ?? "unknown phase"))",
                   role: gateway.ready ? .ok : .error)
        page.field("Started", gateway.pod.startTime)

        page.section("Addresses")
        page.field("Pool", gateway.pool, link: gateway.pool.map(DetailTarget.pool))
        if let eniID = gateway.networkInterfaceID {
            let eni = snapshot.networkInterfacesByID[eniID]
            let where_ = [eni?.subnetID, eni?.attachedInstanceID].compactMap { $0 }.joined(separator: ", ")
            page.field("ENI", where_.isEmpty ? eniID : "\(eniID) (\(where_))")
        } else {
            page.field("ENI", nil)
        }
        page.field("Elastic IP", gateway.elasticIP?.description,
                   link: gateway.elasticIP.map { DetailTarget.elasticIP($0.description) })
        if !gateway.annotatedElasticIPs.isEmpty {
            page.field("Allowed EIPs", gateway.annotatedElasticIPs.map(\.description).joined(separator: ", "))
        }

        page.section("Rules that select it")
        var any = false
        for summary in snapshot.policies {
            for rule in summary.rules where rule.gateways.contains(name) {
                any = true
                page.line([DetailPage.Segment(text: "  \(summary.policy.name) #\(rule.index)", role: .link),
                           DetailPage.Segment(text: "  \(rule.cidr)  \(rule.rule.description ?? "")", role: .text)],
                          link: .rule(policy: summary.policy.name, index: rule.index))
            }
        }
        if !any { page.text("No policy rule selects this gateway.", role: .muted) }
        GatewayOperationsDetail.add(to: &page, gateway: gateway, snapshot: snapshot)

        page.section("Labels")
        for (key, value) in gateway.pod.metadata.labels.sorted(by: { $0.key < $1.key }) {
            page.text("\(key)=\(value)", role: .muted)
        }
        return page
    }

    internal static func pool(_ name: String, _ snapshot: Snapshot) -> DetailPage {
        guard let usage = snapshot.pools.first(where: { $0.pool.name == name }) else {
            return missing(name, "IP pool \(name)")
        }
        let pool = usage.pool
        var page = DetailPage(title: pool.name)
        page.section("IP pool")
        page.field("CIDR", pool.cidr.description)
        page.field("Block size", "/\(pool.blockSize)")
        page.field("Utilization", "\(usage.allocated) of \(usage.capacity) (\(Formatting.percent(usage.utilization)))",
                   role: PoolsTable.gaugeRole(usage.utilization))
        page.field("Reserved", String(usage.reserved))
        page.field("NAT outgoing", pool.natOutgoing ? "yes" : "no")
        page.field("Disabled", pool.disabled ? "yes" : "no")
        page.field("Node selector", pool.nodeSelector)
        page.section("AWS subnet")
        page.field("Subnet", pool.awsSubnetID ?? "(not AWS-backed)")
        if let subnet = usage.subnet {
            page.field("Subnet CIDR", subnet.cidrBlock.description)
            page.field("Zone", subnet.availabilityZone)
            page.field("Free", subnet.availableIpAddressCount.map(String.init),
                       role: usage.subnetUtilization.map(PoolsTable.subnetRole) ?? .text)
        }
        for reservation in usage.subnetReservations {
            page.field("Reservation", "\(reservation.cidr) \(reservation.reservationType ?? "") \(reservation.reservationID)")
        }
        page.section("Blocks (\(usage.blocks.count))")
        if usage.blocks.isEmpty { page.text("No IPAM block carved from this pool.", role: .muted) }
        for block in usage.blocks.sorted(by: { $0.cidr.address < $1.cidr.address }) {
            page.text("\(block.cidr)  \(block.affinityNode ?? "no affinity")  \(block.inUse)/\(block.capacity) in use")
        }
        page.section("Gateways (\(usage.gateways.count))")
        if usage.gateways.isEmpty { page.text("No gateway takes its IP from this pool.", role: .muted) }
        for name in usage.gateways {
            let gateway = snapshot.gatewaysByQualifiedName[name]
            page.line([DetailPage.Segment(text: "  \(name)", role: .link),
                       DetailPage.Segment(text: "  \(gateway?.ip?.description ?? "-")  \(gateway?.ready == false ? "NOT READY" : "ready")",
                                          role: gateway?.ready == false ? .error : .text)],
                      link: .gateway(name))
        }
        PoolCapacityDetail.add(to: &page, pool: name, snapshot: snapshot)
        return page
    }

    internal static func elasticIP(_ address: String, _ snapshot: Snapshot) -> DetailPage {
        guard let binding = snapshot.elasticIPBindings.first(where: { $0.elasticIP.publicIP.description == address }) else {
            return missing(address, "Elastic IP \(address)")
        }
        let eip = binding.elasticIP
        var page = DetailPage(title: address)
        page.section("Elastic IP")
        page.field("Public IP", eip.publicIP.description)
        page.field("Allocation", eip.allocationID)
        page.field("Association", eip.associationID)
        page.field("ENI", eip.networkInterfaceID)
        page.field("Private IP", eip.privateIPAddress?.description)
        page.field("Instance", eip.instanceID)
        page.field("Status", binding.status.rawValue, role: ElasticIPsTable.statusRole(binding.status))
        page.field("Why", binding.reason)
        page.section("Gateway")
        if let gateway = binding.gateway {
            let record = snapshot.gatewaysByQualifiedName[gateway]
            page.field("Gateway", gateway, link: .gateway(gateway))
            page.field("Gateway IP", record?.ip?.description)
            page.field("Ready", record.map { $0.ready ? "yes" : "NO" }, role: record?.ready == false ? .error : .ok)
        } else {
            page.text("Serves no egress gateway.", role: .muted)
        }
        return page
    }

    internal static func rule(policy name: String, index: Int, _ snapshot: Snapshot) -> DetailPage {
        guard let summary = snapshot.policies.first(where: { $0.policy.name == name }),
              let rule = summary.rules.first(where: { $0.index == index }) else {
            return missing("\(name) #\(index)", "Rule \(index) of policy \(name)")
        }
        var page = DetailPage(title: "\(name) #\(index)")
        page.section("Rule")
        page.field("Policy", name)
        page.field("Destination", rule.cidr.description)
        page.field("Description", rule.rule.description)
        if let selection = rule.rule.gateway {
            page.field("Namespaces", selection.namespaceSelector ?? "(the client's own)")
            page.field("Pods", selection.selector ?? "-")
            page.field("maxNextHops", selection.maxNextHops == 0 ? "all" : String(selection.maxNextHops))
        } else {
            page.field("Gateway", "none: traffic skips the gateways", role: .muted)
        }
        page.field("Preference", rule.rule.gatewayPreference.rawValue)
        if let error = rule.selectorError { page.field("Selector error", error, role: .error) }
        page.field("Used by", summary.usedBy.isEmpty ? "nobody" : summary.usedBy.joined(separator: ", "))
        page.section("Gateways (\(rule.readyCount)/\(rule.gateways.count) ready)")
        if rule.gateways.isEmpty {
            page.text(rule.rule.gateway == nil ? "This rule uses no gateway." : "The selectors match no gateway pod.",
                      role: rule.rule.gateway == nil ? .muted : .error)
        }
        for gatewayName in rule.gateways {
            let gateway = snapshot.gatewaysByQualifiedName[gatewayName]
            let ready = gateway?.ready ?? false
            let facts = [gateway?.ip?.description, gateway?.zone, gateway?.elasticIP.map { "EIP \($0)" }]
                .compactMap { $0 }.joined(separator: "  ")
            page.line([DetailPage.Segment(text: "  \(gatewayName)", role: .link),
                       DetailPage.Segment(text: "  \(facts)  ", role: .text),
                       DetailPage.Segment(text: ready ? "ready" : "NOT READY", role: ready ? .ok : .error)],
                      link: .gateway(gatewayName))
        }
        return page
    }

    /// A pod: where it runs, its address and labels, and the egress configuration that applies
    /// to it (`t` traces from it).
    internal static func pod(_ name: String, _ snapshot: Snapshot) -> DetailPage {
        guard let pod = snapshot.podsByQualifiedName[name] else { return missing(name, "Pod \(name)") }
        var page = DetailPage(title: pod.name)
        page.section("Pod")
        page.field("Namespace", pod.namespace)
        page.field("Name", pod.name)
        page.field("IP", pod.podIP?.description)
        page.field("Node", pod.nodeName)
        page.field("Phase", pod.phase)
        page.field("Ready", pod.ready ? "yes" : "no", role: pod.ready ? .ok : .warn)
        if snapshot.gatewaysByQualifiedName[name] != nil {
            page.field("Egress gateway", name, link: .gateway(name))
        }
        page.section("Egress")
        switch snapshot.effectiveEgressConfig(for: pod) {
        case .policy(let policy, let origin):
            page.field("Policy", "\(policy.name) (from the \(origin.rawValue) annotation)",
                       link: .rule(policy: policy.name, index: 0))
        case .missingPolicy(let policy, let origin):
            page.field("Policy", "\(policy) (from the \(origin.rawValue) annotation) does not exist: egress is dropped",
                       role: .error)
        case .selection(let selection, let origin):
            page.field("Gateways", "selector \(selection.selector ?? "all()"), namespaces "
                       + "\(selection.namespaceSelector ?? "its own") (from the \(origin.rawValue) annotation)")
        case .none:
            page.field("Egress", "no egress gateway: normal routing", role: .muted)
        }
        page.text("t traces a packet from this pod.", role: .muted)
        page.section("Labels")
        for (key, value) in pod.metadata.labels.sorted(by: { $0.key < $1.key }) {
            page.text("\(key)=\(value)", role: .muted)
        }
        return page
    }

    /// A finding: its severity, code, whole message and the objects it names (those the console
    /// has a page for are links).
    internal static func finding(severity: String, code: String, message: String, objects: [String],
                                 _ snapshot: Snapshot) -> DetailPage {
        var page = DetailPage(title: code)
        page.section("Finding")
        let role: ThemeRole = severity == "error" ? .severityError : severity == "warning" ? .severityWarning : .severityInfo
        page.field("Severity", severity, role: role)
        page.field("Code", code)
        for line in TextWrap.lines(message, width: 72) { page.text(line) }
        page.section("Objects (\(objects.count))")
        for object in objects {
            if let target = FindingsTable.target([object], in: snapshot) {
                page.line([DetailPage.Segment(text: "  \(object)", role: .link)], link: target)
            } else {
                page.text(object)
            }
        }
        return page
    }
}
