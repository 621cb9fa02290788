import Inventory

extension Snapshot {
    /// Decodes candidate AWS objects (`aws ec2 describe-*` JSON, as in a bundle's `aws/`
    /// directory) from `file`, for `whatif --aws`. A file whose path contains `/aws/` keeps the
    /// part after it (so `aws/prefix-list-entries/pl-….json` still names its list); any other
    /// file is read as `aws/<its name>`.
    public static func candidateAWSObjects(_ file: BundleFile) -> (aws: AWSState, diagnostics: [BundleDiagnostic]) {
        let components = file.path.split(separator: "/").map(String.init)
        let path: String
        if let index = components.dropLast().lastIndex(of: "aws") {
            path = components[index...].joined(separator: "/")
        } else {
            path = "aws/" + (components.last ?? file.path)
        }
        let loaded = BundleLoader.load(files: [BundleFile(path: path, contents: file.contents)], source: .demo)
        return (loaded.snapshot.aws, loaded.diagnostics)
    }

    /// This Snapshot with the AWS objects of `candidate` replacing those of the same id (security
    /// groups, network ACLs, route tables, ENIs, subnets, prefix lists and their entries, transit
    /// gateway attachments, route tables, associations and routes, NAT gateways, Elastic IPs,
    /// VPC endpoints); objects with a new id are added.
    public func replacing(awsObjects candidate: AWSState) -> Snapshot {
        var aws = self.aws
        aws.securityGroups = Self.merge(aws.securityGroups, candidate.securityGroups, id: \.groupID)
        aws.networkAcls = Self.merge(aws.networkAcls, candidate.networkAcls, id: \.networkAclID)
        aws.routeTables = Self.merge(aws.routeTables, candidate.routeTables, id: \.routeTableID)
        aws.networkInterfaces = Self.merge(aws.networkInterfaces, candidate.networkInterfaces, id: \.networkInterfaceID)
        aws.subnets = Self.merge(aws.subnets, candidate.subnets, id: \.subnetID)
        aws.natGateways = Self.merge(aws.natGateways, candidate.natGateways, id: \.natGatewayID)
        aws.elasticIPs = Self.merge(aws.elasticIPs, candidate.elasticIPs, id: \.publicIP.description)
        aws.vpcEndpoints = Self.merge(aws.vpcEndpoints, candidate.vpcEndpoints, id: \.vpcEndpointID)
        aws.managedPrefixLists = Self.merge(aws.managedPrefixLists, candidate.managedPrefixLists, id: \.prefixListID)
        // Entries, TGW routes and associations are replaced as a whole per list or table.
        aws.prefixListEntries = Self.merge(aws.prefixListEntries, candidate.prefixListEntries, id: \.prefixListID)
        aws.transitGatewayAttachments = Self.merge(aws.transitGatewayAttachments, candidate.transitGatewayAttachments,
                                                   id: \.transitGatewayAttachmentID)
        aws.transitGatewayRouteTables = Self.merge(aws.transitGatewayRouteTables, candidate.transitGatewayRouteTables,
                                                   id: \.transitGatewayRouteTableID)
        aws.transitGatewayRouteTableAssociations = Self.merge(
            aws.transitGatewayRouteTableAssociations, candidate.transitGatewayRouteTableAssociations,
            id: \.transitGatewayRouteTableID)
        aws.transitGatewayRoutes = Self.merge(aws.transitGatewayRoutes, candidate.transitGatewayRoutes,
                                              id: \.transitGatewayRouteTableID)
        return Snapshot(source: source, cluster: cluster, aws: aws, config: config, firewallConfigs: firewallConfigs)
    }

    /// `base` without the objects whose id `candidate` has, followed by `candidate`.
    private static func merge<Object>(_ base: [Object], _ candidate: [Object], id: (Object) -> String) -> [Object] {
        guard !candidate.isEmpty else { return base }
        let replaced = Set(candidate.map(id))
        return base.filter { !replaced.contains(id($0)) } + candidate
    }
}
