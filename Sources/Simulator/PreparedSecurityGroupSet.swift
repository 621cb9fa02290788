import Inventory
import LPM

/// The egress rules of the security groups on one ENI, prepared once per Snapshot: their union,
/// one rule per peer (as DescribeSecurityGroupRules lists them), with every peer address (CIDR,
/// prefix-list entries, the private addresses of a referenced group's ENIs) in one prefix table.
/// ENIs with the same groups share one set.
final class PreparedSecurityGroupSet: Sendable {
    /// The ENI's groups, as it lists them.
    let groupIDs: [String]
    /// Groups the ENI names that are not in the bundle.
    let missingGroups: [String]
    /// Prefix lists the rules name whose entries are not in the bundle.
    let unknownPrefixLists: [String]
    /// The egress rules, one per peer.
    let rules: [SecurityGroupRule]
    private let peers: CoveringRules
    /// Each rule's protocol and ports, apart from its names, so that matching copies no strings.
    private let matchers: [(protocolNumber: Int?, ports: ProtocolPorts)]

    init(groupIDs: [String], groups: [String: SecurityGroup], prefixListEntries: [String: [IPPrefix]],
         groupAddresses: [String: [IPAddress]]) {
        self.groupIDs = groupIDs
        var missing: [String] = []
        var unknownLists: [String] = []
        var rules: [SecurityGroupRule] = []
        var prefixes: [(prefix: IPPrefix, rule: Int)] = []
        for id in groupIDs {
            guard let group = groups[id] else {
                missing.append(id)
                continue
            }
            for (index, permission) in group.egress.enumerated() {
                func add(_ peer: String, _ peerPrefixes: [IPPrefix]) {
                    let rule = rules.count
                    prefixes += peerPrefixes.map { (prefix: $0, rule: rule) }
                    rules.append(SecurityGroupRule(group: group, index: index, permission: permission, peer: peer))
                }
                for range in permission.ipRanges + permission.ipv6Ranges { add(range.cidr.description, [range.cidr]) }
                for list in permission.prefixListIDs {
                    if let entries = prefixListEntries[list.prefixListID] {
                        add(list.prefixListID, entries)
                    } else {
                        unknownLists.append(list.prefixListID)
                    }
                }
                for pair in permission.userIDGroupPairs {
                    guard let referenced = pair.groupID else { continue }
                    add(referenced, (groupAddresses[referenced] ?? []).map { IPPrefix(host: $0) })
                }
            }
        }
        missingGroups = missing
        unknownPrefixLists = unknownLists
        self.rules = rules
        matchers = rules.map { (protocolNumber: $0.protocolNumber, ports: $0.ports) }
        peers = CoveringRules(prefixes)
    }

    /// The first rule that allows a packet to `destination`, or nil.
    func allowingRule(destination: IPAddress, query: TraceQuery) -> Int? {
        let port = query.destinationPort.map(Int.init)
        for index in peers.rules(covering: destination) {
            let rule = matchers[index]
            if ProtocolMatch.matches(protocolNumber: rule.protocolNumber, ports: rule.ports, query: query, port: port) {
                return index
            }
        }
        return nil
    }

    /// True when some group is missing or names a prefix list without entries: a packet no known
    /// rule allows may still be allowed.
    var isIncomplete: Bool { !missingGroups.isEmpty || !unknownPrefixLists.isEmpty }
}
