import LPM

/// A NAT gateway: traffic routed to it reaches the internet with its public address.
public struct NatGateway: Hashable, Sendable, Decodable {
    /// `nat-…`.
    public var natGatewayID: String
    /// The subnet it sits in.
    public var subnetID: String?
    /// The VPC.
    public var vpcID: String?
    /// `available`, `pending`, `failed`, `deleting`, `deleted`.
    public var state: String?
    /// `public` or `private`.
    public var connectivityType: String?
    /// Its addresses.
    public var addresses: [Address]

    /// One address of a NAT gateway.
    public struct Address: Hashable, Sendable, Decodable {
        /// The Elastic IP allocation.
        public var allocationID: String?
        /// The public address.
        public var publicIP: IPAddress?
        /// The private address on its ENI.
        public var privateIP: IPAddress?
        /// Its ENI.
        public var networkInterfaceID: String?

        /// Creates an address.
        public init(allocationID: String?, publicIP: IPAddress?, privateIP: IPAddress?, networkInterfaceID: String?) {
            self.allocationID = allocationID
            self.publicIP = publicIP
            self.privateIP = privateIP
            self.networkInterfaceID = networkInterfaceID
        }

        private enum CodingKeys: String, CodingKey {
            case allocationID = "AllocationId", publicIP = "PublicIp", privateIP = "PrivateIp"
            case networkInterfaceID = "NetworkInterfaceId"
        }

        /// Decodes `NatGatewayAddresses[]`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            allocationID = try c.decodeIfPresent(String.self, forKey: .allocationID)
            publicIP = try c.decodeIfPresent(IPText.self, forKey: .publicIP)?.address
            privateIP = try c.decodeIfPresent(IPText.self, forKey: .privateIP)?.address
            networkInterfaceID = try c.decodeIfPresent(String.self, forKey: .networkInterfaceID)
        }
    }

    /// Creates a NAT gateway.
    public init(natGatewayID: String, subnetID: String? = nil, vpcID: String? = nil, state: String? = "available",
                connectivityType: String? = "public", addresses: [Address] = []) {
        self.natGatewayID = natGatewayID
        self.subnetID = subnetID
        self.vpcID = vpcID
        self.state = state
        self.connectivityType = connectivityType
        self.addresses = addresses
    }

    private enum CodingKeys: String, CodingKey {
        case natGatewayID = "NatGatewayId", subnetID = "SubnetId", vpcID = "VpcId", state = "State"
        case connectivityType = "ConnectivityType", addresses = "NatGatewayAddresses"
    }

    /// Decodes `aws ec2 describe-nat-gateways` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        natGatewayID = try c.decode(String.self, forKey: .natGatewayID)
        subnetID = try c.decodeIfPresent(String.self, forKey: .subnetID)
        vpcID = try c.decodeIfPresent(String.self, forKey: .vpcID)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        connectivityType = try c.decodeIfPresent(String.self, forKey: .connectivityType)
        addresses = try c.decodeIfPresent([Address].self, forKey: .addresses) ?? []
    }
}
