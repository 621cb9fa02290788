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

    var description: String {
        switch self {
        case .missingKind:
            return "expected a Kubernetes object with 'apiVersion' and 'kind'"
        }
    }
}

/// One document of a bundle file: a Kubernetes object, a Kubernetes `List`, or the JSON that an
/// `aws ec2 describe-…` command prints (its top-level key says what it holds).
struct BundleDocument: Decodable {
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
                     "NetworkInterfaces", "RouteTables", "NatGateways", "Reservations"]
        if !known.contains(where: { c.contains(AnyCodingKey($0)) }) {
            unrecognizedKeys = c.allKeys.map(\.stringValue).sorted()
        }
    }
}
