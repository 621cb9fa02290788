import Foundation
import Inventory
import LPM

/// Decodes EC2 Query API XML into the Inventory models. Element names follow the botocore
/// service model (`locationName`s, `<xSet><item>` lists); namespaces are ignored, and an empty
/// element counts as absent (moto writes `<instanceId/>`).
public enum EC2ResponseDecoder {
    /// One page of a paginated listing.
    public struct Page<Item: Sendable>: Sendable {
        /// The items on this page.
        public var items: [Item]
        /// The token of the next page; nil on the last page.
        public var nextToken: String?
    }

    /// Parses a success document; fails with `malformedResponse` when it is not XML or is an error document.
    static func root(_ body: [UInt8], operation: String) throws(EC2Error) -> XMLNode {
        let root: XMLNode
        do { root = try XMLReader.parse(body) } catch {
            throw .malformedResponse(operation: operation, detail: "not XML: \(error)")
        }
        if root.name == "Response" || root.name == "ErrorResponse" {
            throw .malformedResponse(operation: operation, detail: "an error document with a success status")
        }
        return root
    }

    /// The `nextToken` of a listing page, nil when absent or empty.
    static func nextToken(_ root: XMLNode) -> String? {
        root.string("nextToken")
    }

    /// Parses an error document (EC2's `<Response><Errors><Error>` or STS's `<ErrorResponse><Error>`);
    /// a body that is neither is classified by its status alone.
    public static func error(body: [UInt8], status: Int, operation: String, service: String = "ec2") -> EC2Error {
        if let root = try? XMLReader.parse(body) {
            let error = root.descendant("Errors", "Error") ?? root.child("Error")
            if let error, let code = error.string("Code") {
                let requestID = root.string("RequestID") ?? root.string("RequestId")
                    ?? root.descendant("ResponseMetadata", "RequestId").flatMap { $0.text.isEmpty ? nil : $0.text }
                return .service(EC2ServiceError(operation: operation, code: code, message: error.string("Message") ?? "",
                                                requestID: requestID, httpStatus: status, service: service))
            }
        }
        return .httpStatus(operation: operation, status: status, detail: summary(of: body))
    }

    /// A short, printable hint of a non-XML body: an HTML page's `<title>`, or its size.
    static func summary(of body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        if let open = text.range(of: "<title>", options: .caseInsensitive),
           let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex) {
            let title = text[open.upperBound..<close.lowerBound].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return "not an AWS error document: \(title.prefix(120))"
        }
        return "not an AWS error document, \(body.count) bytes"
    }

    // MARK: Operations

    /// DescribeVpcs → `vpcSet`.
    static func vpcs(_ root: XMLNode) throws(EC2Error) -> Page<Vpc> {
        var out: [Vpc] = []
        for item in root.items("vpcSet") {
            let associations = try item.items("cidrBlockAssociationSet").map { (entry) throws(EC2Error) in
                Vpc.CidrBlockAssociation(cidrBlock: try prefix(entry, "cidrBlock", "DescribeVpcs"),
                                         state: entry.descendant("cidrBlockState", "state")?.nonEmptyText)
            }
            out.append(Vpc(vpcID: try required(item, "vpcId", "DescribeVpcs"), ownerID: item.string("ownerId"),
                           cidrBlock: try prefix(item, "cidrBlock", "DescribeVpcs"),
                           cidrBlockAssociations: associations, tags: tags(item)))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// DescribeSubnets → `subnetSet`.
    static func subnets(_ root: XMLNode) throws(EC2Error) -> Page<Subnet> {
        var out: [Subnet] = []
        for item in root.items("subnetSet") {
            var ipv6Blocks: [IPPrefix] = []
            for entry in item.items("ipv6CidrBlockAssociationSet") {
                let state = entry.child("ipv6CidrBlockState")?.string("state") ?? ""
                guard entry.child("ipv6CidrBlock") != nil, !Subnet.inactiveIPv6AssociationStates.contains(state) else { continue }
                ipv6Blocks.append(try prefix(entry, "ipv6CidrBlock", "DescribeSubnets"))
            }
            out.append(Subnet(subnetID: try required(item, "subnetId", "DescribeSubnets"),
                              vpcID: try required(item, "vpcId", "DescribeSubnets"),
                              cidrBlock: try prefix(item, "cidrBlock", "DescribeSubnets"),
                              availabilityZone: item.string("availabilityZone"),
                              availableIpAddressCount: item.string("availableIpAddressCount").flatMap { Int($0) },
                              tags: tags(item),
                              ipv6CidrBlocks: ipv6Blocks))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// GetSubnetCidrReservations → `subnetIpv4CidrReservationSet` and `subnetIpv6CidrReservationSet`.
    static func subnetCidrReservations(_ root: XMLNode) throws(EC2Error) -> Page<SubnetCidrReservation> {
        var out: [SubnetCidrReservation] = []
        let operation = "GetSubnetCidrReservations"
        for item in root.items("subnetIpv4CidrReservationSet") + root.items("subnetIpv6CidrReservationSet") {
            out.append(SubnetCidrReservation(
                reservationID: try required(item, "subnetCidrReservationId", operation),
                subnetID: try required(item, "subnetId", operation),
                cidr: try prefix(item, "cidr", operation),
                reservationType: item.string("reservationType"),
                description: item.string("description")))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// DescribeAddresses → `addressesSet` (never paginated).
    static func addresses(_ root: XMLNode) throws(EC2Error) -> [ElasticIP] {
        var out: [ElasticIP] = []
        let operation = "DescribeAddresses"
        for item in root.items("addressesSet") {
            guard let publicIP = try address(item, "publicIp", operation) else {
                throw .malformedResponse(operation: operation, detail: "an address without publicIp")
            }
            out.append(ElasticIP(allocationID: item.string("allocationId"), publicIP: publicIP,
                                 associationID: item.string("associationId"),
                                 networkInterfaceID: item.string("networkInterfaceId"),
                                 privateIPAddress: try address(item, "privateIpAddress", operation),
                                 instanceID: item.string("instanceId"), tags: tags(item)))
        }
        return out
    }

    /// DescribeNetworkInterfaces → `networkInterfaceSet`.
    static func networkInterfaces(_ root: XMLNode) throws(EC2Error) -> Page<NetworkInterface> {
        var out: [NetworkInterface] = []
        let operation = "DescribeNetworkInterfaces"
        for item in root.items("networkInterfaceSet") {
            var privateAddresses: [NetworkInterface.PrivateAddress] = []
            for entry in item.items("privateIpAddressesSet") {
                guard let ip = try address(entry, "privateIpAddress", operation) else { continue }
                let publicIP = try entry.child("association").flatMap { (association) throws(EC2Error) in
                    try address(association, "publicIp", operation)
                }
                privateAddresses.append(.init(address: ip, primary: entry.string("primary") == "true", publicIP: publicIP))
            }
            var ipv6Addresses: [IPAddress] = []
            for entry in item.items("ipv6AddressesSet") {
                if let address = try address(entry, "ipv6Address", operation) { ipv6Addresses.append(address) }
            }
            out.append(NetworkInterface(
                networkInterfaceID: try required(item, "networkInterfaceId", operation),
                subnetID: item.string("subnetId"), vpcID: item.string("vpcId"),
                availabilityZone: item.string("availabilityZone"), description: item.child("description")?.text,
                status: item.string("status"), interfaceType: item.string("interfaceType"),
                privateIPAddress: try address(item, "privateIpAddress", operation),
                privateIPAddresses: privateAddresses,
                attachedInstanceID: item.child("attachment")?.string("instanceId"), tags: tags(item),
                groupIDs: item.items("groupSet").compactMap { $0.string("groupId") },
                ipv6Addresses: ipv6Addresses))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// DescribeInstances → `reservationSet/item/instancesSet`.
    static func instances(_ root: XMLNode) throws(EC2Error) -> Page<Instance> {
        var out: [Instance] = []
        let operation = "DescribeInstances"
        for reservation in root.items("reservationSet") {
            for item in reservation.items("instancesSet") {
                out.append(Instance(
                    instanceID: try required(item, "instanceId", operation),
                    privateDNSName: item.string("privateDnsName"),
                    privateIPAddress: try address(item, "privateIpAddress", operation),
                    publicIPAddress: try address(item, "ipAddress", operation),
                    subnetID: item.string("subnetId"), vpcID: item.string("vpcId"),
                    availabilityZone: item.child("placement")?.string("availabilityZone"),
                    state: item.child("instanceState")?.string("name"),
                    networkInterfaceIDs: item.items("networkInterfaceSet").compactMap { $0.string("networkInterfaceId") },
                    tags: tags(item), instanceType: item.string("instanceType")))
            }
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// DescribeRouteTables → `routeTableSet`.
    static func routeTables(_ root: XMLNode) throws(EC2Error) -> Page<RouteTable> {
        var out: [RouteTable] = []
        let operation = "DescribeRouteTables"
        for item in root.items("routeTableSet") {
            let associations = item.items("associationSet")
            var routes: [Route] = []
            for entry in item.items("routeSet") {
                var destination = try optionalPrefix(entry, "destinationCidrBlock", operation)
                if destination == nil { destination = try optionalPrefix(entry, "destinationIpv6CidrBlock", operation) }
                let target = routeTargetElements.lazy.compactMap { entry.string($0) }.first ?? ""
                routes.append(Route(destination: destination,
                                    destinationPrefixListID: entry.string("destinationPrefixListId"),
                                    target: RouteTarget(target), state: entry.string("state"),
                                    origin: entry.string("origin")))
            }
            out.append(RouteTable(routeTableID: try required(item, "routeTableId", operation),
                                  vpcID: try required(item, "vpcId", operation),
                                  subnetIDs: associations.compactMap { $0.string("subnetId") },
                                  isMain: associations.contains { $0.string("main") == "true" },
                                  routes: routes, tags: tags(item)))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// DescribeNatGateways → `natGatewaySet`.
    static func natGateways(_ root: XMLNode) throws(EC2Error) -> Page<NatGateway> {
        var out: [NatGateway] = []
        let operation = "DescribeNatGateways"
        for item in root.items("natGatewaySet") {
            var addresses: [NatGateway.Address] = []
            for entry in item.items("natGatewayAddressSet") {
                addresses.append(.init(allocationID: entry.string("allocationId"),
                                       publicIP: try address(entry, "publicIp", operation),
                                       privateIP: try address(entry, "privateIp", operation),
                                       networkInterfaceID: entry.string("networkInterfaceId")))
            }
            out.append(NatGateway(natGatewayID: try required(item, "natGatewayId", operation),
                                  subnetID: item.string("subnetId"), vpcID: item.string("vpcId"),
                                  state: item.string("state"), connectivityType: item.string("connectivityType"),
                                  addresses: addresses))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// Route target elements in the order the bundle decoder prefers them.
    static let routeTargetElements = [
        "gatewayId", "transitGatewayId", "natGatewayId", "networkInterfaceId", "instanceId",
        "vpcPeeringConnectionId", "egressOnlyInternetGatewayId", "localGatewayId", "carrierGatewayId", "coreNetworkArn",
    ]

    // MARK: Fields

    static func tags(_ item: XMLNode) -> [Tag] {
        item.items("tagSet").compactMap { entry in
            guard let key = entry.child("key")?.text else { return nil }
            return Tag(key: key, value: entry.child("value")?.text ?? "")
        }
    }

    static func required(_ item: XMLNode, _ name: String, _ operation: String) throws(EC2Error) -> String {
        guard let value = item.string(name) else {
            throw .malformedResponse(operation: operation, detail: "an item without \(name)")
        }
        return value
    }

    static func address(_ item: XMLNode, _ name: String, _ operation: String) throws(EC2Error) -> IPAddress? {
        guard let text = item.string(name) else { return nil }
        guard let ip = IPAddress(parsing: text) else {
            throw .malformedResponse(operation: operation, detail: "\(name) \"\(text.prefix(64))\" is not an IP address")
        }
        return ip
    }

    static func optionalPrefix(_ item: XMLNode, _ name: String, _ operation: String) throws(EC2Error) -> IPPrefix? {
        guard let text = item.string(name) else { return nil }
        do { return try IPPrefix(text) } catch {
            throw .malformedResponse(operation: operation, detail: "\(name) \"\(text.prefix(64))\" is not a CIDR: \(error)")
        }
    }

    static func prefix(_ item: XMLNode, _ name: String, _ operation: String) throws(EC2Error) -> IPPrefix {
        guard let value = try optionalPrefix(item, name, operation) else {
            throw .malformedResponse(operation: operation, detail: "an item without \(name)")
        }
        return value
    }
}
