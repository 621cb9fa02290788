import Inventory

extension EC2Client {
    /// DescribeVpcs, every page.
    public func describeVpcs(filters: [EC2Filter] = []) async throws(EC2Error) -> [Vpc] {
        try await paginate(Self.request("DescribeVpcs", filters), decode: EC2ResponseDecoder.vpcs)
    }

    /// DescribeSubnets, every page.
    public func describeSubnets(filters: [EC2Filter] = []) async throws(EC2Error) -> [Subnet] {
        try await paginate(Self.request("DescribeSubnets", filters), decode: EC2ResponseDecoder.subnets)
    }

    /// GetSubnetCidrReservations for one subnet (the API takes one per call), every page.
    public func getSubnetCidrReservations(subnetID: String) async throws(EC2Error) -> [SubnetCidrReservation] {
        var parameters = QueryParameters(action: "GetSubnetCidrReservations")
        parameters.append("SubnetId", subnetID)
        return try await paginate(parameters, decode: EC2ResponseDecoder.subnetCidrReservations)
    }

    /// DescribeAddresses: one call, no `MaxResults`/`NextToken` (the API has no pagination).
    public func describeAddresses(filters: [EC2Filter] = []) async throws(EC2Error) -> [ElasticIP] {
        try EC2ResponseDecoder.addresses(try await call(Self.request("DescribeAddresses", filters)))
    }

    /// DescribeNetworkInterfaces, every page.
    public func describeNetworkInterfaces(filters: [EC2Filter] = []) async throws(EC2Error) -> [NetworkInterface] {
        try await paginate(Self.request("DescribeNetworkInterfaces", filters), decode: EC2ResponseDecoder.networkInterfaces)
    }

    /// DescribeInstances, every page (instances of every reservation).
    public func describeInstances(filters: [EC2Filter] = []) async throws(EC2Error) -> [Instance] {
        try await paginate(Self.request("DescribeInstances", filters), decode: EC2ResponseDecoder.instances)
    }

    /// DescribeRouteTables, every page (at most 100 per page).
    public func describeRouteTables(filters: [EC2Filter] = []) async throws(EC2Error) -> [RouteTable] {
        try await paginate(Self.request("DescribeRouteTables", filters), pageSize: 100, decode: EC2ResponseDecoder.routeTables)
    }

    /// DescribeNatGateways, every page.
    public func describeNatGateways(filters: [EC2Filter] = []) async throws(EC2Error) -> [NatGateway] {
        try await paginate(Self.request("DescribeNatGateways", filters), decode: EC2ResponseDecoder.natGateways)
    }

    private static func request(_ action: String, _ filters: [EC2Filter]) -> QueryParameters {
        var parameters = QueryParameters(action: action)
        parameters.appendFilters(filters)
        return parameters
    }
}
