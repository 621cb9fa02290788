import Firewall
import Inventory
import LPM

/// Firewall findings for `check`: access-control entries that can never match (shadowed), gateway
/// sources no permit entry covers for their rule's destination, and entries that name sources no
/// workload has any more.
struct AccessListAudit {
    let context: SimulationContext
    let firewalls: FirewallSet

    func findings() -> [Finding] {
        var findings: [Finding] = []
        var audited = Set<String>()
        let exported = GatewayObjectGroups(context: context)
        for placement in context.snapshot.config.firewalls where !audited.contains(placement.config) {
            audited.insert(placement.config)
            guard let classifier = firewalls.classifiers[placement.config] else { continue }
            let lists = appliedLists(classifier.config, interface: placement.interface)
            for list in lists {
                let expanded = ExpandedAccessList(list, in: classifier.config)
                let counts = firewalls.hitCounts[placement.config]
                let reported = shadowed(expanded, firewall: placement.name)
                    + stale(expanded, firewall: placement.name, exported: exported, counts: counts)
                findings += reported + UnusedEntryAudit(list: expanded, firewall: placement.name, counts: counts)
                    .findings(excluding: reported)
            }
        }
        findings += uncovered(exported: exported)
        return findings
    }

    /// The lists applied inbound on `interface`, then the global one.
    private func appliedLists(_ config: FirewallConfig, interface: String) -> [AccessList] {
        [config.accessGroup(interface: interface, direction: .in), config.globalAccessGroup]
            .compactMap { $0 }
            .compactMap { config.accessLists[$0.accessList] }
    }

    // MARK: - shadowed-ace

    private func shadowed(_ list: ExpandedAccessList, firewall: String) -> [Finding] {
        var findings: [Finding] = []
        var earlier: [(line: Int, elements: [AccessListElement])] = []
        var budget = 200_000
        for entry in list.entries where entry.isActive {
            let elements = entry.elements
            if !elements.isEmpty, !earlier.isEmpty, budget > 0 {
                var coveringLines = Set<Int>()
                let covered = elements.allSatisfy { element in
                    for previous in earlier {
                        budget -= previous.elements.count
                        if previous.elements.contains(where: { AccessListAudit.covers($0, element) }) {
                            coveringLines.insert(previous.line)
                            return true
                        }
                    }
                    return false
                }
                if covered {
                    let lines = coveringLines.sorted().map(String.init).joined(separator: ", ")
                    findings.append(Finding(.warning, .shadowedACE,
                        "firewall \(firewall): access-list \(list.name) line \(entry.lineNumber) can never match: "
                            + "line\(coveringLines.count == 1 ? "" : "s") \(lines) already match\(coveringLines.count == 1 ? "es" : "") all its traffic",
                        objects: ["firewall/\(firewall)", "access-list/\(list.name)", "line/\(entry.lineNumber)"]))
                }
            }
            // Only unconditional entries shadow later ones.
            if entry.timeRange == nil { earlier.append((entry.lineNumber, elements)) }
        }
        return findings
    }

    /// True when every packet `inner` matches, `outer` matches too.
    static func covers(_ outer: AccessListElement, _ inner: AccessListElement) -> Bool {
        if let p = outer.service.protocolNumber, p != inner.service.protocolNumber { return false }
        guard covers(outer.source, inner.source), covers(outer.destination, inner.destination) else { return false }
        guard outer.service.protocolNumber != nil else { return true }  // `ip` matches every port and type
        if !PortSet(outer.service.sourcePort, outer.sourcePort).contains(PortSet(inner.service.sourcePort, inner.sourcePort)) { return false }
        if !PortSet(outer.service.destinationPort, outer.destinationPort)
            .contains(PortSet(inner.service.destinationPort, inner.destinationPort)) { return false }
        for filter in [outer.service.icmp, outer.icmp].compactMap({ $0 }) {
            let innerFilters = [inner.service.icmp, inner.icmp].compactMap { $0 }
            guard innerFilters.contains(where: { $0.type == filter.type && (filter.code == nil || filter.code == $0.code) })
            else { return false }
        }
        return true
    }

    /// True when every address `inner` stands for is in `outer`.
    static func covers(_ outer: AddressMember, _ inner: AddressMember) -> Bool {
        switch (outer, inner) {
        case (.any, _): return true
        case (.any4, .any4), (.any6, .any6): return true
        case (.any4, .prefix(let p)): return p.family == .v4
        case (.any4, .maskedIPv4): return true
        case (.any4, .range(let first, _)): return first.family == .v4
        case (.any6, .prefix(let p)): return p.family == .v6
        case (.any6, .range(let first, _)): return first.family == .v6
        case (.prefix(let o), .prefix(let i)): return o.contains(i)
        case (.prefix(let o), .range(let first, let last)): return o.contains(first) && o.contains(last)
        case (.range(let first, let last), .prefix(let i)): return first <= i.address && i.lastAddress <= last
        case (.range(let a, let b), .range(let c, let d)): return a.family == c.family && a <= c && d <= b
        default: return false  // fqdn, unresolved, interface, non-contiguous masks: never claimed covered
        }
    }

    // MARK: - stale-ace

    private func stale(_ list: ExpandedAccessList, firewall: String, exported: GatewayObjectGroups,
                       counts: FirewallHitCounts?) -> [Finding] {
        let known = context.knownAddresses
        var findings: [Finding] = []
        for entry in list.entries where entry.isActive && entry.entry.action.permits {
            let hosts = entry.sources.compactMap { member -> IPAddress? in
                guard case .prefix(let prefix) = member, prefix.length == prefix.family.bitWidth else { return nil }
                return prefix.address
            }
            // Only entries whose sources are all single addresses inside the VPC or an IP pool.
            guard !hosts.isEmpty, hosts.count == entry.sources.count,
                  hosts.allSatisfy({ context.isPrivateToCluster($0) }),
                  !hosts.contains(where: { known.contains($0) }) else { continue }
            findings.append(Finding(.warning, .staleACE,
                "firewall \(firewall): access-list \(list.name) line \(entry.lineNumber) permits "
                    + hosts.map(\.description).joined(separator: ", ") + ", which no gateway, node or pod has any more"
                    + (counts?.evidence(accessList: list.name, line: entry.lineNumber).map { "; " + $0 } ?? "")
                    + ExportHint.staleEntry(entry, exported: exported, policies: context.snapshot.cluster.policies),
                objects: ["firewall/\(firewall)", "access-list/\(list.name)", "line/\(entry.lineNumber)"]))
        }
        return findings
    }

    // MARK: - uncovered-gateway

    /// For every rule with gateways and every gateway it selects: if the route from the gateway's
    /// subnet to the rule's destination leads to a firewall, some permit entry must cover the source
    /// the firewall sees for that destination.
    private func uncovered(exported: GatewayObjectGroups) -> [Finding] {
        var findings: [Finding] = []
        let snapshot = context.snapshot
        for policy in snapshot.cluster.policies {
            for (index, rule) in policy.rules.enumerated() where rule.gateway != nil {
                let destination = rule.effectiveDestination
                for gateway in context.ruleGateways(policy.name, index) {
                    guard let ip = gateway.podIP,
                          let subnet = context.subnets.value(for: ip)?.subnetID,
                          let table = context.routeTables[subnet],
                          let route = table.routes.value(for: destination.address), !route.isBlackhole,
                          let firewall = route.firewall, let classifier = firewall.classifier else { continue }
                    let placement = firewall.placement
                    let seen = placement.sees == .public ? (snapshot.elasticIPsByPrivateIP[ip]?.publicIP ?? ip) : ip
                    let lists = appliedLists(classifier.config, interface: placement.interface)
                    let covered = lists.contains { list in
                        ExpandedAccessList(list, in: classifier.config).entries.contains { entry in
                            entry.isActive && entry.entry.action.permits
                                && entry.sources.contains { $0.matches(seen) }
                                && entry.destinations.contains { AccessListAudit.overlaps($0, destination) }
                        }
                    }
                    if !covered {
                        findings.append(Finding(.error, .uncoveredGateway,
                            "gateway \(gateway.qualifiedName) (\(seen)) carries policy \(policy.name) rule #\(index) to \(destination), "
                                + "but no permit entry of firewall \(placement.name) covers that source and destination"
                                + ExportHint.uncoveredGateway(seen, exported: exported),
                            objects: ["pod/\(gateway.qualifiedName)", "policy/\(policy.name)", "rule/\(index)",
                                      "firewall/\(placement.name)"]))
                    }
                }
            }
        }
        return findings
    }

    /// True when `member` and `prefix` share an address.
    static func overlaps(_ member: AddressMember, _ prefix: IPPrefix) -> Bool {
        switch member {
        case .any: return true
        case .any4: return prefix.family == .v4
        case .any6: return prefix.family == .v6
        case .prefix(let p): return p.overlaps(prefix)
        case .range(let first, let last): return prefix.contains(first) || prefix.contains(last)
            || (first <= prefix.address && prefix.lastAddress <= last)
        case .maskedIPv4: return member.matches(prefix.address)
        default: return false
        }
    }
}

/// The TCP/UDP ports a pair of port filters admit, as sorted, disjoint closed ranges.
struct PortSet: Equatable {
    var ranges: [ClosedRange<Int>]

    init(_ filters: PortOperator?...) {
        ranges = [0...65_535]
        for filter in filters.compactMap({ $0 }) { ranges = PortSet.intersect(ranges, PortSet.ranges(of: filter)) }
    }

    func contains(_ other: PortSet) -> Bool {
        other.ranges.allSatisfy { inner in ranges.contains { $0.lowerBound <= inner.lowerBound && inner.upperBound <= $0.upperBound } }
    }

    static func ranges(of filter: PortOperator) -> [ClosedRange<Int>] {
        switch filter {
        case .equal(let p): return [Int(p)...Int(p)]
        case .notEqual(let p):
            var result: [ClosedRange<Int>] = []
            if p > 0 { result.append(0...Int(p) - 1) }
            if p < 65_535 { result.append(Int(p) + 1...65_535) }
            return result
        case .lessThan(let p): return p == 0 ? [] : [0...Int(p) - 1]
        case .greaterThan(let p): return p == 65_535 ? [] : [Int(p) + 1...65_535]
        case .range(let a, let b): return a <= b ? [Int(a)...Int(b)] : []
        }
    }

    static func intersect(_ a: [ClosedRange<Int>], _ b: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for x in a {
            for y in b where x.overlaps(y) { result.append(max(x.lowerBound, y.lowerBound)...min(x.upperBound, y.upperBound)) }
        }
        return result
    }
}
