/// One object found in a bundle document, decoded into its model, or the reason it could not be.
enum BundleItem {
    case namespace(Namespace)
    case pod(Pod)
    case node(Node)
    case ipPool(IPPool)
    case ipReservation(IPReservation)
    case policy(EgressGatewayPolicy)
    case ipamBlock(IPAMBlock)
    case blockAffinity(BlockAffinity)
    case felixConfiguration(FelixConfiguration)
    case egressGateway(EgressGateway)
    case vpc(Vpc)
    case subnet(Subnet)
    case subnetCidrReservation(SubnetCidrReservation)
    case elasticIP(ElasticIP)
    case networkInterface(NetworkInterface)
    case instance(Instance)
    case routeTable(RouteTable)
    case natGateway(NatGateway)
    case securityGroup(SecurityGroup)
    case networkAcl(NetworkAcl)
    case managedPrefixList(ManagedPrefixList)
    case prefixListEntry(PrefixListEntry)
    case vpcEndpoint(VpcEndpoint)
    case transitGatewayAttachment(TransitGatewayAttachment)
    /// One record of `describe-transit-gateway-vpc-attachments` (subnets, appliance mode), merged
    /// into the attachment of the same ID once the whole bundle is read.
    case transitGatewayVpcAttachment(TransitGatewayAttachment)
    case transitGatewayRouteTable(TransitGatewayRouteTable)
    case transitGatewayRouteTableAssociation(TransitGatewayRouteTableAssociation)
    case transitGatewayRoute(TransitGatewayRoute)
    case egressOnlyInternetGateway(EgressOnlyInternetGateway)
    case instanceType(InstanceTypeInfo)
    /// A kind Gatewatch reads, but from another API group (a whereabouts `IPPool`, a Deckhouse
    /// `EgressGatewayPolicy`): skipped, and said once per bundle as a note.
    case foreign(kind: String, apiVersion: String, object: String)
    /// A kind Gatewatch does not use; skipped silently.
    case ignored
    /// An object that failed to decode: what it was, and the error with its coding path.
    case invalid(object: String, error: any Error)
}

/// A coding key for arbitrary field names.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Decodes one Kubernetes object by its `kind`, capturing any error instead of throwing, so one
/// bad object never stops the rest of the file.
struct KubernetesObject: Decodable {
    let item: BundleItem

    private struct Header: Decodable {
        var apiVersion: String?
        var kind: String?
        var metadata: Meta?
        struct Meta: Decodable { var name: String?; var namespace: String? }
    }

    init(from decoder: any Decoder) throws {
        let header = try? Header(from: decoder)
        let kind = header?.kind ?? "?"
        var label = kind
        if let meta = header?.metadata, let name = meta.name {
            label += " " + (meta.namespace.map { "\($0)/\(name)" } ?? name)
        }
        if let apiVersion = header?.apiVersion, !Self.isAccepted(apiVersion: apiVersion, kind: kind) {
            item = .foreign(kind: kind, apiVersion: apiVersion, object: label)
            return
        }
        do {
            switch kind {
            case "Namespace": item = .namespace(try Namespace(from: decoder))
            case "Pod": item = .pod(try Pod(from: decoder))
            case "Node": item = .node(try Node(from: decoder))
            case "IPPool": item = .ipPool(try IPPool(from: decoder))
            case "IPReservation": item = .ipReservation(try IPReservation(from: decoder))
            case "EgressGatewayPolicy": item = .policy(try EgressGatewayPolicy(from: decoder))
            case "IPAMBlock": item = .ipamBlock(try IPAMBlock(from: decoder))
            case "BlockAffinity": item = .blockAffinity(try BlockAffinity(from: decoder))
            case "FelixConfiguration": item = .felixConfiguration(try FelixConfiguration(from: decoder))
            case "EgressGateway": item = .egressGateway(try EgressGateway(from: decoder))
            case "?": item = .invalid(object: "object", error: BundleFormatError.missingKind)
            default: item = .ignored
            }
        } catch {
            item = .invalid(object: label, error: error)
        }
    }
}

extension KubernetesObject {
    /// The API groups (`apiVersion`s) Calico's kinds are read from, as the cluster serves them.
    static let calicoAPIVersions: Set<String> = ["projectcalico.org/v3", "crd.projectcalico.org/v1"]
    /// The kinds Gatewatch reads from Calico's API groups.
    static let calicoKinds: Set<String> = ["IPPool", "IPReservation", "EgressGatewayPolicy", "IPAMBlock",
                                           "BlockAffinity", "FelixConfiguration", "EgressGateway"]

    /// True when an object of `kind` with this `apiVersion` is the one Gatewatch models: Calico's
    /// kinds from `projectcalico.org/v3` or `crd.projectcalico.org/v1` (EgressGateway also from
    /// `operator.tigera.io/v1`), Namespace/Pod/Node from core `v1`. Other kinds are not checked.
    static func isAccepted(apiVersion: String, kind: String) -> Bool {
        switch kind {
        case "Namespace", "Pod", "Node":
            return apiVersion == "v1"
        case "EgressGateway":
            return calicoAPIVersions.contains(apiVersion) || apiVersion == "operator.tigera.io/v1"
        case _ where calicoKinds.contains(kind):
            return calicoAPIVersions.contains(apiVersion)
        default:
            return true
        }
    }
}

/// Decodes an element, capturing its error instead of throwing.
struct Lenient<T: Decodable>: Decodable {
    let result: Result<T, any Error>

    init(from decoder: any Decoder) throws {
        do {
            result = .success(try T(from: decoder))
        } catch {
            result = .failure(error)
        }
    }
}

/// Structural problems of a bundle document that are not a field's fault.
enum BundleFormatError: Error, CustomStringConvertible {
    case missingKind
    /// AWS CLI output that does not name the resource it belongs to (`Entries`, `Associations`,
    /// `Routes`), in a file whose name does not name it either.
    case missingOwnerID(key: String, idPrefix: String, command: String)

    var description: String {
        switch self {
        case .missingKind:
            return "expected a Kubernetes object with 'apiVersion' and 'kind'"
        case .missingOwnerID(let key, let idPrefix, let command):
            return "\(key): expected the file name to contain the \(idPrefix)… ID (`aws ec2 \(command)` output does not name it)"
        }
    }
}

/// Finds the ID of the resource an AWS CLI output belongs to in its file name.
enum BundleFileName {
    /// The first `prefix` followed by at least eight hex digits in the last path component of
    /// `path` (`aws/pl-0a1b2c3d.json` → `pl-0a1b2c3d`), not preceded by a letter or digit.
    static func resourceID(prefix: String, in path: String) -> String? {
        let name = Array((path.split(separator: "/").last.map(String.init) ?? path).lowercased().utf8)
        let marker = Array(prefix.utf8)
        guard name.count > marker.count else { return nil }
        func isHex(_ byte: UInt8) -> Bool { (48...57).contains(byte) || (97...102).contains(byte) }
        func isAlphanumeric(_ byte: UInt8) -> Bool { isHex(byte) || (97...122).contains(byte) }
        var start = 0
        while start + marker.count <= name.count {
            if Array(name[start..<start + marker.count]) == marker, start == 0 || !isAlphanumeric(name[start - 1]) {
                var end = start + marker.count
                while end < name.count, isHex(name[end]) { end += 1 }
                if end - start - marker.count >= 8, end == name.count || !isAlphanumeric(name[end]) {
                    return String(decoding: name[start..<end], as: UTF8.self)
                }
            }
            start += 1
        }
        return nil
    }
}

/// One document of a bundle file: a Kubernetes object, a Kubernetes `List`, or the JSON that an
/// `aws ec2 describe-…` command prints (its top-level key says what it holds).
struct BundleDocument: Decodable {
    /// The `userInfo` key under which decoders carry the bundle-relative path of the file.
    static let filePathKey = CodingUserInfoKey(rawValue: "gatewatch.bundleFilePath")!
    var items: [BundleItem] = []
    /// The top-level keys of a document that is neither a Kubernetes object nor known AWS output.
    var unrecognizedKeys: [String]?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        if let kind = try? c.decodeIfPresent(String.self, forKey: AnyCodingKey("kind")) {
            if kind == "List" || kind.hasSuffix("List") {
                items = (try c.decodeIfPresent([KubernetesObject].self, forKey: AnyCodingKey("items")) ?? []).map(\.item)
            } else {
                items = [try KubernetesObject(from: decoder).item]
            }
            return
        }
        func decode<T: Decodable>(_ key: String, _ wrap: (T) -> BundleItem) throws {
            guard c.contains(AnyCodingKey(key)) else { return }
            for element in try c.decode([Lenient<T>].self, forKey: AnyCodingKey(key)) {
                switch element.result {
                case .success(let value): items.append(wrap(value))
                case .failure(let error): items.append(.invalid(object: key, error: error))
                }
            }
        }
        try decode("Vpcs", BundleItem.vpc)
        try decode("Subnets", BundleItem.subnet)
        try decode("SubnetIpv4CidrReservations", BundleItem.subnetCidrReservation)
        try decode("SubnetIpv6CidrReservations", BundleItem.subnetCidrReservation)
        try decode("Addresses", BundleItem.elasticIP)
        try decode("NetworkInterfaces", BundleItem.networkInterface)
        try decode("RouteTables", BundleItem.routeTable)
        try decode("NatGateways", BundleItem.natGateway)
        try decode("SecurityGroups", BundleItem.securityGroup)
        try decode("NetworkAcls", BundleItem.networkAcl)
        try decode("PrefixLists", BundleItem.managedPrefixList)
        try decode("VpcEndpoints", BundleItem.vpcEndpoint)
        try decode("TransitGatewayAttachments", BundleItem.transitGatewayAttachment)
        try decode("TransitGatewayVpcAttachments", BundleItem.transitGatewayVpcAttachment)
        try decode("TransitGatewayRouteTables", BundleItem.transitGatewayRouteTable)
        try decode("EgressOnlyInternetGateways", BundleItem.egressOnlyInternetGateway)
        try decode("InstanceTypes", BundleItem.instanceType)

        // Outputs that do not name their owner: the ID comes from a top-level field of a wrapper
        // (`{"PrefixListId": …, "Entries": […]}`) or from the file name.
        let path = decoder.userInfo[BundleDocument.filePathKey] as? String ?? ""
        func decodeOwned<T: Decodable>(_ key: String, ownerKey: String, idPrefix: String, command: String,
                                       _ wrap: (T, String) -> BundleItem) throws {
            guard c.contains(AnyCodingKey(key)) else { return }
            let owner = try c.decodeIfPresent(String.self, forKey: AnyCodingKey(ownerKey))
                ?? BundleFileName.resourceID(prefix: idPrefix, in: path)
            guard let owner else {
                items.append(.invalid(object: key, error: BundleFormatError.missingOwnerID(
                    key: key, idPrefix: idPrefix, command: command)))
                return
            }
            for element in try c.decode([Lenient<T>].self, forKey: AnyCodingKey(key)) {
                switch element.result {
                case .success(let value): items.append(wrap(value, owner))
                case .failure(let error): items.append(.invalid(object: key, error: error))
                }
            }
        }
        try decodeOwned("Entries", ownerKey: "PrefixListId", idPrefix: "pl-",
                        command: "get-managed-prefix-list-entries") { (entry: PrefixListEntry.Unowned, id) in
            .prefixListEntry(PrefixListEntry(prefixListID: id, cidr: entry.cidr, description: entry.description))
        }
        try decodeOwned("Associations", ownerKey: "TransitGatewayRouteTableId", idPrefix: "tgw-rtb-",
                        command: "get-transit-gateway-route-table-associations") {
            (association: TransitGatewayRouteTableAssociation.Unowned, id) in
            .transitGatewayRouteTableAssociation(TransitGatewayRouteTableAssociation(
                transitGatewayRouteTableID: id, transitGatewayAttachmentID: association.TransitGatewayAttachmentId,
                resourceID: association.ResourceId, resourceType: association.ResourceType, state: association.State))
        }
        try decodeOwned("Routes", ownerKey: "TransitGatewayRouteTableId", idPrefix: "tgw-rtb-",
                        command: "search-transit-gateway-routes") { (route: TransitGatewayRoute.Unowned, id) in
            .transitGatewayRoute(TransitGatewayRoute(
                transitGatewayRouteTableID: id, destination: route.destination, prefixListID: route.prefixListID,
                type: route.type, state: route.state, attachments: route.attachments))
        }
        if c.contains(AnyCodingKey("Reservations")) {
            struct Reservation: Decodable { var Instances: [Lenient<Instance>]? }
            for reservation in try c.decode([Reservation].self, forKey: AnyCodingKey("Reservations")) {
                for element in reservation.Instances ?? [] {
                    switch element.result {
                    case .success(let value): items.append(.instance(value))
                    case .failure(let error): items.append(.invalid(object: "Instance", error: error))
                    }
                }
            }
        }
        let known = ["Vpcs", "Subnets", "SubnetIpv4CidrReservations", "SubnetIpv6CidrReservations", "Addresses",
                     "NetworkInterfaces", "RouteTables", "NatGateways", "Reservations", "SecurityGroups",
                     "NetworkAcls", "PrefixLists", "Entries", "VpcEndpoints", "TransitGatewayAttachments",
                     "TransitGatewayVpcAttachments",
                     "TransitGatewayRouteTables", "Associations", "Routes", "EgressOnlyInternetGateways",
                     "InstanceTypes"]
        if !known.contains(where: { c.contains(AnyCodingKey($0)) }) {
            unrecognizedKeys = c.allKeys.map(\.stringValue).sorted()
        }
    }
}
