/// Objects met twice while loading a bundle (the same kind and identity in two files, or twice in
/// one): the first is kept, later ones are skipped, and each pair of files is said once as a
/// warning naming both files, the first object and how many more there are.
struct DuplicateObjects {
    private struct Pair: Hashable {
        var kind: String
        var first: String
        var again: String
    }
    private var seen: [String: [String: String]] = [:]
    private var order: [Pair] = []
    private var examples: [Pair: (key: String, count: Int)] = [:]

    /// Records `item` from `file`; false when the same object was already loaded (skip it).
    mutating func admit(_ item: BundleItem, file: String) -> Bool {
        guard let (kind, key) = item.identity else { return true }
        if let first = seen[kind]?[key] {
            let pair = Pair(kind: kind, first: first, again: file)
            if var example = examples[pair] {
                example.count += 1
                examples[pair] = example
            } else {
                order.append(pair)
                examples[pair] = (key, 1)
            }
            return false
        }
        seen[kind, default: [:]][key] = file
        return true
    }

    /// One warning per kind and pair of files, in the order they were met.
    var diagnostics: [BundleDiagnostic] {
        order.compactMap { pair in
            guard let example = examples[pair] else { return nil }
            let more = example.count > 1 ? " (and \(example.count - 1) more \(pair.kind) objects)" : ""
            let place = pair.first == pair.again ? "earlier in this file" : "in \(pair.first)"
            return BundleDiagnostic(
                severity: .warning, file: pair.again, object: "\(pair.kind) \(example.key)",
                message: "skipped: already loaded \(place)\(more); expected each object once in a bundle")
        }
    }
}

extension BundleItem {
    /// The kind and identity (`namespace/name`, name or AWS ID) two copies of an object share;
    /// nil for items that are not objects or have no identity of their own.
    var identity: (kind: String, key: String)? {
        switch self {
        case .namespace(let v): ("Namespace", v.name)
        case .pod(let v): ("Pod", v.qualifiedName)
        case .node(let v): ("Node", v.name)
        case .ipPool(let v): ("IPPool", v.name)
        case .ipReservation(let v): ("IPReservation", v.name)
        case .policy(let v): ("EgressGatewayPolicy", v.name)
        case .ipamBlock(let v): ("IPAMBlock", v.cidr.description)
        case .blockAffinity(let v): ("BlockAffinity", "\(v.node) \(v.cidr)")
        case .felixConfiguration(let v): ("FelixConfiguration", v.name)
        case .egressGateway(let v): ("EgressGateway", v.metadata.qualifiedName)
        case .vpc(let v): ("Vpc", v.vpcID)
        case .subnet(let v): ("Subnet", v.subnetID)
        case .subnetCidrReservation(let v): ("SubnetCidrReservation", v.reservationID)
        case .elasticIP(let v): ("ElasticIP", v.allocationID ?? v.publicIP.description)
        case .networkInterface(let v): ("NetworkInterface", v.networkInterfaceID)
        case .instance(let v): ("Instance", v.instanceID)
        case .routeTable(let v): ("RouteTable", v.routeTableID)
        case .natGateway(let v): ("NatGateway", v.natGatewayID)
        case .securityGroup(let v): ("SecurityGroup", v.groupID)
        case .networkAcl(let v): ("NetworkAcl", v.networkAclID)
        case .managedPrefixList(let v): ("ManagedPrefixList", v.prefixListID)
        case .vpcEndpoint(let v): ("VpcEndpoint", v.vpcEndpointID)
        case .transitGatewayAttachment(let v): ("TransitGatewayAttachment", v.transitGatewayAttachmentID)
        case .transitGatewayVpcAttachment(let v): ("TransitGatewayVpcAttachment", v.transitGatewayAttachmentID)
        case .transitGatewayRouteTable(let v): ("TransitGatewayRouteTable", v.transitGatewayRouteTableID)
        case .egressOnlyInternetGateway(let v): ("EgressOnlyInternetGateway", v.egressOnlyInternetGatewayID)
        case .instanceType(let v): ("InstanceType", v.instanceType)
        case .prefixListEntry, .transitGatewayRouteTableAssociation, .transitGatewayRoute,
             .foreign, .ignored, .invalid: nil
        }
    }
}
