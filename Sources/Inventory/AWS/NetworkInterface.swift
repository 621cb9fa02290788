import LPM

/// An elastic network interface (ENI) and its private addresses.
public struct NetworkInterface: Hashable, Sendable, Decodable {
    /// `eni-…`.
    public var networkInterfaceID: String
    /// The subnet it lives in.
    public var subnetID: String?
    /// The VPC it lives in.
    public var vpcID: String?
    /// Its availability zone.
    public var availabilityZone: String?
    /// Free text (Calico writes `Calico secondary ENI for instance <id>`).
    public var description: String?
    /// `in-use` or `available`.
    public var status: String?
    /// `interface`, `nat_gateway`, `gateway_load_balancer_endpoint`…
    public var interfaceType: String?
    /// The primary private address.
    public var privateIPAddress: IPAddress?
    /// Every private address, primary and secondary, with any Elastic IP on it.
    public var privateIPAddresses: [PrivateAddress]
    /// The instance it is attached to.
    public var attachedInstanceID: String?
    /// Tags (`calico:use=secondary` marks Calico's ENIs).
    public var tags: [Tag]
    /// The security groups of the ENI (`Groups[].GroupId`); they cover every address it holds.
    public var groupIDs: [String] = []
    /// The ENI's IPv6 addresses (`Ipv6Addresses`).
    public var ipv6Addresses: [IPAddress] = []

    /// One private address of an ENI.
    public struct PrivateAddress: Hashable, Sendable, Decodable {
        /// The address.
        public var address: IPAddress
        /// True for the ENI's primary address.
        public var primary: Bool
        /// The Elastic IP associated with this address, if any.
        public var publicIP: IPAddress?

        /// Creates an address entry.
        public init(address: IPAddress, primary: Bool, publicIP: IPAddress? = nil) {
            self.address = address
            self.primary = primary
            self.publicIP = publicIP
        }

        private enum CodingKeys: String, CodingKey {
            case address = "PrivateIpAddress", primary = "Primary", association = "Association"
        }
        private struct Association: Decodable { var PublicIp: String? }

        /// Decodes `PrivateIpAddresses[]`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            guard let ip = try c.decode(IPText.self, forKey: .address).address else {
                throw DecodingError.dataCorruptedError(forKey: .address, in: c, debugDescription: "expected an IP address")
            }
            address = ip
            primary = try c.decodeIfPresent(Bool.self, forKey: .primary) ?? false
            publicIP = (try c.decodeIfPresent(Association.self, forKey: .association)?.PublicIp)
                .flatMap { IPAddress(parsing: $0) }
        }
    }

    /// Creates an ENI.
    public init(networkInterfaceID: String, subnetID: String? = nil, vpcID: String? = nil, availabilityZone: String? = nil,
                description: String? = nil, status: String? = "in-use", interfaceType: String? = "interface",
                privateIPAddress: IPAddress? = nil, privateIPAddresses: [PrivateAddress] = [],
                attachedInstanceID: String? = nil, tags: [Tag] = [], groupIDs: [String] = [], ipv6Addresses: [IPAddress] = []) {
        self.networkInterfaceID = networkInterfaceID
        self.subnetID = subnetID
        self.vpcID = vpcID
        self.availabilityZone = availabilityZone
        self.description = description
        self.status = status
        self.interfaceType = interfaceType
        self.privateIPAddress = privateIPAddress
        self.privateIPAddresses = privateIPAddresses
        self.attachedInstanceID = attachedInstanceID
        self.tags = tags
        self.groupIDs = groupIDs
        self.ipv6Addresses = ipv6Addresses
    }

    /// True for ENIs Calico created for secondary IPs (`calico:use=secondary`).
    public var isCalicoSecondary: Bool { tags[tag: "calico:use"] == "secondary" }

    private enum CodingKeys: String, CodingKey {
        case networkInterfaceID = "NetworkInterfaceId", subnetID = "SubnetId", vpcID = "VpcId"
        case availabilityZone = "AvailabilityZone", description = "Description", status = "Status"
        case interfaceType = "InterfaceType", privateIPAddress = "PrivateIpAddress"
        case privateIPAddresses = "PrivateIpAddresses", attachment = "Attachment", tags = "TagSet", altTags = "Tags"
        case groups = "Groups", ipv6Addresses = "Ipv6Addresses"
    }
    private struct Ipv6Entry: Decodable { var Ipv6Address: IPText? }
    private struct Group: Decodable { var GroupId: String }
    private struct Attachment: Decodable { var InstanceId: String? }

    /// Decodes `aws ec2 describe-network-interfaces` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        networkInterfaceID = try c.decode(String.self, forKey: .networkInterfaceID)
        subnetID = try c.decodeIfPresent(String.self, forKey: .subnetID)
        vpcID = try c.decodeIfPresent(String.self, forKey: .vpcID)
        availabilityZone = try c.decodeIfPresent(String.self, forKey: .availabilityZone)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        interfaceType = try c.decodeIfPresent(String.self, forKey: .interfaceType)
        privateIPAddress = try c.decodeIfPresent(IPText.self, forKey: .privateIPAddress)?.address
        privateIPAddresses = try c.decodeIfPresent([PrivateAddress].self, forKey: .privateIPAddresses) ?? []
        attachedInstanceID = try c.decodeIfPresent(Attachment.self, forKey: .attachment)?.InstanceId
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? c.decodeIfPresent([Tag].self, forKey: .altTags) ?? []
        groupIDs = try (c.decodeIfPresent([Group].self, forKey: .groups) ?? []).map(\.GroupId)
        ipv6Addresses = (try c.decodeIfPresent([Ipv6Entry].self, forKey: .ipv6Addresses) ?? []).compactMap { $0.Ipv6Address?.address }
    }
}
