import Inventory

/// The packet-path operations: read-only Describe/Get/Search calls, each paginated where EC2
/// paginates it, with the page sizes EC2 allows.
extension EC2Client {
    /// DescribeSecurityGroups, every page.
    public func describeSecurityGroups(filters: [EC2Filter] = []) async throws(EC2Error) -> [SecurityGroup] {
        try await paginate(Self.packetPathRequest("DescribeSecurityGroups", filters), decode: EC2ResponseDecoder.securityGroups)
    }

    /// DescribeNetworkAcls, every page.
    public func describeNetworkAcls(filters: [EC2Filter] = []) async throws(EC2Error) -> [NetworkAcl] {
        try await paginate(Self.packetPathRequest("DescribeNetworkAcls", filters), decode: EC2ResponseDecoder.networkAcls)
    }

    /// DescribeManagedPrefixLists for the given lists (all visible lists when empty), every page (at most 100 per page).
    public func describeManagedPrefixLists(ids: [String] = []) async throws(EC2Error) -> [ManagedPrefixList] {
        var parameters = QueryParameters(action: "DescribeManagedPrefixLists")
        for (index, id) in ids.enumerated() { parameters.append("PrefixListId.\(index + 1)", id) }
        return try await paginate(parameters, pageSize: 100, decode: EC2ResponseDecoder.managedPrefixLists)
    }

    /// GetManagedPrefixListEntries for one list (the current version), every page (at most 100 per page).
    public func getManagedPrefixListEntries(prefixListID: String) async throws(EC2Error) -> [PrefixListEntry] {
        var parameters = QueryParameters(action: "GetManagedPrefixListEntries")
        parameters.append("PrefixListId", prefixListID)
        return try await paginate(parameters, pageSize: 100, decode: EC2ResponseDecoder.prefixListEntries(of: prefixListID))
    }

    /// DescribeVpcEndpoints, every page.
    public func describeVpcEndpoints(filters: [EC2Filter] = []) async throws(EC2Error) -> [VpcEndpoint] {
        try await paginate(Self.packetPathRequest("DescribeVpcEndpoints", filters), decode: EC2ResponseDecoder.vpcEndpoints)
    }

    /// DescribeEgressOnlyInternetGateways, every page (at most 255 per page). The API has no
    /// `vpc-id` filter: callers keep the gateways attached to their VPCs.
    public func describeEgressOnlyInternetGateways(filters: [EC2Filter] = []) async throws(EC2Error)
        -> [EgressOnlyInternetGateway] {
        try await paginate(Self.packetPathRequest("DescribeEgressOnlyInternetGateways", filters), pageSize: 255,
                           decode: EC2ResponseDecoder.egressOnlyInternetGateways)
    }

    /// DescribeTransitGatewayAttachments, every page.
    public func describeTransitGatewayAttachments(filters: [EC2Filter] = []) async throws(EC2Error)
        -> [TransitGatewayAttachment] {
        try await paginate(Self.packetPathRequest("DescribeTransitGatewayAttachments", filters),
                           decode: EC2ResponseDecoder.transitGatewayAttachments)
    }

    /// DescribeTransitGatewayVpcAttachments, every page: the subnets and appliance mode of the VPC
    /// attachments (as attachments without a route table association, to merge by ID).
    public func describeTransitGatewayVpcAttachments(filters: [EC2Filter] = []) async throws(EC2Error)
        -> [TransitGatewayAttachment] {
        try await paginate(Self.packetPathRequest("DescribeTransitGatewayVpcAttachments", filters),
                           decode: EC2ResponseDecoder.transitGatewayVpcAttachments)
    }

    /// DescribeTransitGatewayRouteTables, every page.
    public func describeTransitGatewayRouteTables(filters: [EC2Filter] = []) async throws(EC2Error)
        -> [TransitGatewayRouteTable] {
        try await paginate(Self.packetPathRequest("DescribeTransitGatewayRouteTables", filters),
                           decode: EC2ResponseDecoder.transitGatewayRouteTables)
    }

    /// GetTransitGatewayRouteTableAssociations for one table, every page.
    public func getTransitGatewayRouteTableAssociations(routeTableID: String) async throws(EC2Error)
        -> [TransitGatewayRouteTableAssociation] {
        var parameters = QueryParameters(action: "GetTransitGatewayRouteTableAssociations")
        parameters.append("TransitGatewayRouteTableId", routeTableID)
        return try await paginate(parameters,
                                  decode: EC2ResponseDecoder.transitGatewayRouteTableAssociations(of: routeTableID))
    }

    /// SearchTransitGatewayRoutes for one table: its static and propagated routes in one call (the
    /// API needs a filter and has no pagination; `truncated` says EC2 held some back).
    public func searchTransitGatewayRoutes(routeTableID: String) async throws(EC2Error)
        -> (routes: [TransitGatewayRoute], truncated: Bool) {
        var parameters = QueryParameters(action: "SearchTransitGatewayRoutes")
        parameters.append("TransitGatewayRouteTableId", routeTableID)
        parameters.appendFilters([EC2Filter("type", ["static", "propagated"])])
        return try EC2ResponseDecoder.transitGatewayRoutes(try await call(parameters), routeTableID: routeTableID)
    }

    /// DescribeInstanceTypes for the given types, every page (at most 100 per page).
    public func describeInstanceTypes(_ types: [String]) async throws(EC2Error) -> [InstanceTypeInfo] {
        var parameters = QueryParameters(action: "DescribeInstanceTypes")
        for (index, type) in types.enumerated() { parameters.append("InstanceType.\(index + 1)", type) }
        return try await paginate(parameters, pageSize: 100, decode: EC2ResponseDecoder.instanceTypes)
    }

    private static func packetPathRequest(_ action: String, _ filters: [EC2Filter]) -> QueryParameters {
        var parameters = QueryParameters(action: action)
        parameters.appendFilters(filters)
        return parameters
    }
}
