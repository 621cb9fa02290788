import Inventory
import LPM

/// The security groups and network ACLs of a Snapshot, prepared once: the egress rules of every
/// ENI (shared between ENIs with the same groups) and the ACL of every subnet (its associated
/// one, else its VPC's default).
struct PreparedPathFilters: Sendable {
    /// True when the bundle holds security groups (else the SECURITY-GROUP phase is skipped).
    let securityGroupsRead: Bool
    /// True when the bundle holds network ACLs (else the NETWORK-ACL phase is skipped).
    let networkAclsRead: Bool
    /// Per ENI id: its groups' egress rules.
    let byInterface: [String: PreparedSecurityGroupSet]
    /// Per subnet id: its ACL.
    let bySubnet: [String: PreparedNetworkAcl]

    init(snapshot: Snapshot) {
        let aws = snapshot.aws
        securityGroupsRead = !aws.securityGroups.isEmpty
        networkAclsRead = !aws.networkAcls.isEmpty
        var interfaces: [String: PreparedSecurityGroupSet] = [:]
        if securityGroupsRead {
            let groups = Dictionary(aws.securityGroups.map { ($0.groupID, $0) }, uniquingKeysWith: { first, _ in first })
            var entries: [String: [IPPrefix]] = [:]
            for entry in aws.prefixListEntries { entries[entry.prefixListID, default: []].append(entry.cidr) }
            var members: [String: [IPAddress]] = [:]
            for eni in aws.networkInterfaces {
                var addresses = eni.privateIPAddresses.map(\.address)
                if let primary = eni.privateIPAddress, !addresses.contains(primary) { addresses.append(primary) }
                for group in eni.groupIDs { members[group, default: []] += addresses }
            }
            var shared: [[String]: PreparedSecurityGroupSet] = [:]
            for eni in aws.networkInterfaces where !eni.groupIDs.isEmpty {
                if let known = shared[eni.groupIDs] {
                    interfaces[eni.networkInterfaceID] = known
                    continue
                }
                let made = PreparedSecurityGroupSet(groupIDs: eni.groupIDs, groups: groups, prefixListEntries: entries,
                                                    groupAddresses: members)
                shared[eni.groupIDs] = made
                interfaces[eni.networkInterfaceID] = made
            }
        }
        byInterface = interfaces
        var subnets: [String: PreparedNetworkAcl] = [:]
        if networkAclsRead {
            let prepared = aws.networkAcls.map(PreparedNetworkAcl.init)
            for subnet in aws.subnets {
                let associated = prepared.first { $0.acl.subnetIDs.contains(subnet.subnetID) }
                let fallback = prepared.first { $0.acl.isDefault && $0.acl.vpcID == subnet.vpcID }
                if let acl = associated ?? fallback { subnets[subnet.subnetID] = acl }
            }
        }
        bySubnet = subnets
    }
}
