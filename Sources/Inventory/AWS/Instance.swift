import LPM

/// An EC2 instance: a Kubernetes node's machine.
public struct Instance: Hashable, Sendable, Decodable {
    /// `i-…`.
    public var instanceID: String
    /// The private DNS name, usually the Kubernetes node name.
    public var privateDNSName: String?
    /// The primary private address.
    public var privateIPAddress: IPAddress?
    /// The public address, if any.
    public var publicIPAddress: IPAddress?
    /// The subnet of the primary ENI.
    public var subnetID: String?
    /// The VPC.
    public var vpcID: String?
    /// The availability zone.
    public var availabilityZone: String?
    /// `running`, `stopped`…
    public var state: String?
    /// The attached ENIs.
    public var networkInterfaceIDs: [String]
    /// Tags.
    public var tags: [Tag]
    /// The instance type (`t3.large`), which sets its ENI limits (`InstanceTypeInfo`).
    public var instanceType: String?

    /// Creates an instance.
    public init(instanceID: String, privateDNSName: String? = nil, privateIPAddress: IPAddress? = nil,
                publicIPAddress: IPAddress? = nil, subnetID: String? = nil, vpcID: String? = nil,
                availabilityZone: String? = nil, state: String? = "running", networkInterfaceIDs: [String] = [],
                tags: [Tag] = [], instanceType: String? = nil) {
        self.instanceID = instanceID
        self.privateDNSName = privateDNSName
        self.privateIPAddress = privateIPAddress
        self.publicIPAddress = publicIPAddress
        self.subnetID = subnetID
        self.vpcID = vpcID
        self.availabilityZone = availabilityZone
        self.state = state
        self.networkInterfaceIDs = networkInterfaceIDs
        self.tags = tags
        self.instanceType = instanceType
    }

    private enum CodingKeys: String, CodingKey {
        case instanceID = "InstanceId", privateDNSName = "PrivateDnsName", privateIPAddress = "PrivateIpAddress"
        case publicIPAddress = "PublicIpAddress", subnetID = "SubnetId", vpcID = "VpcId", placement = "Placement"
        case state = "State", networkInterfaces = "NetworkInterfaces", tags = "Tags"
        case instanceType = "InstanceType"
    }
    private struct Placement: Decodable { var AvailabilityZone: String? }
    private struct State: Decodable { var Name: String? }
    private struct Interface: Decodable { var NetworkInterfaceId: String }

    /// Decodes one instance of `aws ec2 describe-instances` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        instanceID = try c.decode(String.self, forKey: .instanceID)
        privateDNSName = try c.decodeIfPresent(String.self, forKey: .privateDNSName)
        privateIPAddress = try c.decodeIfPresent(IPText.self, forKey: .privateIPAddress)?.address
        publicIPAddress = try c.decodeIfPresent(IPText.self, forKey: .publicIPAddress)?.address
        subnetID = try c.decodeIfPresent(String.self, forKey: .subnetID)
        vpcID = try c.decodeIfPresent(String.self, forKey: .vpcID)
        availabilityZone = try c.decodeIfPresent(Placement.self, forKey: .placement)?.AvailabilityZone
        state = try c.decodeIfPresent(State.self, forKey: .state)?.Name
        networkInterfaceIDs = (try c.decodeIfPresent([Interface].self, forKey: .networkInterfaces) ?? []).map(\.NetworkInterfaceId)
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
        instanceType = try c.decodeIfPresent(String.self, forKey: .instanceType)
    }
}
