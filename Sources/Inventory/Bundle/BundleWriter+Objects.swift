/// A Snapshot as separate objects, and objects back into bundle files.
extension BundleWriter {
    /// Every object of `snapshot`, kind by kind in `BundleObjectKind` order and, within a kind, in
    /// the Snapshot's order. Firewall files and `gatewatch.yaml` come as `write(_:to:)` writes them
    /// (a firewall file from outside `firewall/` is renamed there and the configuration follows).
    public static func objects(for snapshot: Snapshot) -> [BundleObject] {
        let cluster = snapshot.cluster
        let aws = snapshot.aws
        var objects: [BundleObject] = []
        objects += cluster.namespaces.map(BundleObject.init)
        objects += cluster.nodes.map(BundleObject.init)
        objects += cluster.pods.map(BundleObject.init)
        objects += cluster.ipPools.map(BundleObject.init)
        objects += cluster.ipReservations.map(BundleObject.init)
        objects += cluster.policies.map(BundleObject.init)
        objects += cluster.ipamBlocks.map(BundleObject.init)
        objects += cluster.blockAffinities.map(BundleObject.init)
        objects += cluster.felixConfigurations.map(BundleObject.init)
        objects += cluster.egressGateways.map(BundleObject.init)
        objects += aws.vpcs.map(BundleObject.init)
        objects += aws.subnets.map(BundleObject.init)
        objects += aws.subnetCidrReservations.map(BundleObject.init)
        objects += aws.elasticIPs.map(BundleObject.init)
        objects += aws.networkInterfaces.map(BundleObject.init)
        objects += aws.instances.map(BundleObject.init)
        objects += aws.routeTables.map(BundleObject.init)
        objects += aws.natGateways.map(BundleObject.init)
        objects += aws.securityGroups.map(BundleObject.init)
        objects += aws.networkAcls.map(BundleObject.init)
        objects += aws.managedPrefixLists.map(BundleObject.init)
        objects += aws.prefixListEntries.map(BundleObject.init)
        objects += aws.vpcEndpoints.map(BundleObject.init)
        objects += aws.transitGatewayAttachments.map(BundleObject.init)
        objects += aws.transitGatewayRouteTables.map(BundleObject.init)
        objects += aws.transitGatewayRouteTableAssociations.map(BundleObject.init)
        objects += aws.transitGatewayRoutes.map(BundleObject.init)
        objects += aws.egressOnlyInternetGateways.map(BundleObject.init)
        objects += aws.instanceTypes.map(BundleObject.init)
        objects += settingsObjects(for: snapshot)
        return objects
    }

    /// The firewall files and `gatewatch.yaml` of `snapshot` as objects, exactly as `files(for:)`
    /// writes them, without encoding the cluster and AWS objects.
    public static func settingsObjects(for snapshot: Snapshot) -> [BundleObject] {
        let bare = Snapshot(source: snapshot.source, cluster: ClusterState(), aws: AWSState(), config: snapshot.config,
                            firewallConfigs: snapshot.firewallConfigs)
        return files(for: bare).compactMap { file in
            if file.path == "gatewatch.yaml" {
                return BundleObject(kind: .gatewatchConfig, key: file.path, contents: file.contents)
            }
            guard file.area == "firewall" else { return nil }
            return BundleObject(kind: .firewallConfig, key: file.path, contents: file.contents)
        }
    }

    /// The bundle files holding `objects`, in the layout `files(for:)` writes (one `List` per
    /// Kubernetes kind, one `describe-…` document per EC2 kind, firewall files under their paths,
    /// `gatewatch.yaml`); items keep the order they are given in. Kinds without objects get no file.
    public static func files(assembling objects: [BundleObject]) -> [BundleFile] {
        var byKind: [BundleObjectKind: [BundleObject]] = [:]
        for object in objects { byKind[object.kind, default: []].append(object) }
        var files: [BundleFile] = []
        for kind in BundleObjectKind.allCases {
            guard let members = byKind[kind], !members.isEmpty else { continue }
            switch kind {
            case .firewallConfig, .gatewatchConfig:
                files += members.map { BundleFile(path: $0.key, contents: $0.contents) }
            case .prefixListEntry, .transitGatewayRouteTableAssociation, .transitGatewayRoute:
                // One file per owner (the prefix list, the route table), named by its id.
                var owners: [String] = []
                var byOwner: [String: [BundleObject]] = [:]
                for member in members {
                    if byOwner[member.fileOwner] == nil { owners.append(member.fileOwner) }
                    byOwner[member.fileOwner, default: []].append(member)
                }
                for owner in owners {
                    guard let (path, prefix, suffix) = layout(kind, owner: owner) else { continue }
                    files.append(BundleFile(path: path, contents: joined(byOwner[owner] ?? [], prefix, suffix)))
                }
            default:
                guard let (path, prefix, suffix) = layout(kind, owner: "") else { continue }
                files.append(BundleFile(path: path, contents: joined(members, prefix, suffix)))
            }
        }
        return files
    }

    /// `prefix`, the members' contents separated by commas, `suffix`.
    private static func joined(_ members: [BundleObject], _ prefix: String, _ suffix: String) -> [UInt8] {
        var contents = Array(prefix.utf8)
        contents.reserveCapacity(members.reduce(contents.count + suffix.utf8.count) { $0 + $1.contents.count + 1 })
        for (index, member) in members.enumerated() {
            if index > 0 { contents.append(UInt8(ascii: ",")) }
            contents += member.contents
        }
        contents += Array(suffix.utf8)
        return contents
    }

    /// The file path and the text around the items for a kind written as a list (`owner`: the id
    /// in the file name of a kind written one file per owner).
    private static func layout(_ kind: BundleObjectKind, owner: String) -> (path: String, prefix: String, suffix: String)? {
        let list = (#"{"apiVersion":"v1","kind":"List","items":["#, "]}\n")
        func aws(_ file: String, _ key: String) -> (String, String, String) {
            ("aws/\(file).json", "{\"\(key)\":[", "]}\n")
        }
        switch kind {
        case .namespace: return ("cluster/namespaces.json", list.0, list.1)
        case .node: return ("cluster/nodes.json", list.0, list.1)
        case .pod: return ("cluster/pods.json", list.0, list.1)
        case .ipPool: return ("cluster/ippools.json", list.0, list.1)
        case .ipReservation: return ("cluster/ipreservations.json", list.0, list.1)
        case .policy: return ("cluster/egressgatewaypolicies.json", list.0, list.1)
        case .ipamBlock: return ("cluster/ipamblocks.json", list.0, list.1)
        case .blockAffinity: return ("cluster/blockaffinities.json", list.0, list.1)
        case .felixConfiguration: return ("cluster/felixconfigurations.json", list.0, list.1)
        case .egressGateway: return ("cluster/egressgateways.json", list.0, list.1)
        case .vpc: return aws("describe-vpcs", "Vpcs")
        case .subnet: return aws("describe-subnets", "Subnets")
        // Both address families decode alike; one list holds them.
        case .subnetCidrReservation: return aws("get-subnet-cidr-reservations", "SubnetIpv4CidrReservations")
        case .elasticIP: return aws("describe-addresses", "Addresses")
        case .networkInterface: return aws("describe-network-interfaces", "NetworkInterfaces")
        case .instance: return ("aws/describe-instances.json", #"{"Reservations":[{"Instances":["#, "]}]}\n")
        case .routeTable: return aws("describe-route-tables", "RouteTables")
        case .natGateway: return aws("describe-nat-gateways", "NatGateways")
        case .securityGroup: return aws("describe-security-groups", "SecurityGroups")
        case .networkAcl: return aws("describe-network-acls", "NetworkAcls")
        case .managedPrefixList: return aws("describe-managed-prefix-lists", "PrefixLists")
        case .prefixListEntry: return aws("get-managed-prefix-list-entries-\(owner)", "Entries")
        case .vpcEndpoint: return aws("describe-vpc-endpoints", "VpcEndpoints")
        case .transitGatewayAttachment: return aws("describe-transit-gateway-attachments", "TransitGatewayAttachments")
        case .transitGatewayRouteTable: return aws("describe-transit-gateway-route-tables", "TransitGatewayRouteTables")
        case .transitGatewayRouteTableAssociation:
            return aws("get-transit-gateway-route-table-associations-\(owner)", "Associations")
        case .transitGatewayRoute:
            return ("aws/search-transit-gateway-routes-\(owner).json", #"{"Routes":["#, "],\"AdditionalRoutesAvailable\":false}\n")
        case .egressOnlyInternetGateway: return aws("describe-egress-only-internet-gateways", "EgressOnlyInternetGateways")
        case .instanceType: return aws("describe-instance-types", "InstanceTypes")
        case .firewallConfig, .gatewatchConfig: return nil
        }
    }
}
