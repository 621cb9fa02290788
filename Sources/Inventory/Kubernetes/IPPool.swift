import LPM

/// A Calico IPPool: a CIDR pods take addresses from; AWS-backed when it names a VPC subnet.
public struct IPPool: Hashable, Sendable, Decodable {
    /// The pool's name.
    public var name: String
    /// The pool's range.
    public var cidr: IPPrefix
    /// The IPAM block prefix length (26 by default for IPv4; 32 for gateway pools).
    public var blockSize: Int
    /// True when traffic from the pool is masqueraded to the node's IP (host-IP mode for gateways).
    public var natOutgoing: Bool
    /// True when IPAM hands out no new addresses from the pool.
    public var disabled: Bool
    /// Which nodes may allocate from the pool (`!all()` for egress pools).
    public var nodeSelector: String?
    /// `Workload`, `Tunnel`, `HostSecondaryInterface`.
    public var allowedUses: [String]
    /// The VPC subnet behind an AWS-backed pool.
    public var awsSubnetID: String?
    /// `Never`, `Always` or `CrossSubnet`.
    public var vxlanMode: String?
    /// `Never`, `Always` or `CrossSubnet`.
    public var ipipMode: String?

    /// Creates a pool.
    public init(name: String, cidr: IPPrefix, blockSize: Int = 26, natOutgoing: Bool = false, disabled: Bool = false,
                nodeSelector: String? = nil, allowedUses: [String] = ["Workload", "Tunnel"], awsSubnetID: String? = nil,
                vxlanMode: String? = nil, ipipMode: String? = nil) {
        self.name = name
        self.cidr = cidr
        self.blockSize = blockSize
        self.natOutgoing = natOutgoing
        self.disabled = disabled
        self.nodeSelector = nodeSelector
        self.allowedUses = allowedUses
        self.awsSubnetID = awsSubnetID
        self.vxlanMode = vxlanMode
        self.ipipMode = ipipMode
    }

    /// True when the pool is backed by a VPC subnet (`awsSubnetID` set).
    public var isAWSBacked: Bool { !(awsSubnetID ?? "").isEmpty }

    private enum CodingKeys: String, CodingKey { case metadata, spec }
    private enum SpecKeys: String, CodingKey {
        case cidr, blockSize, natOutgoing, disabled, nodeSelector, allowedUses, awsSubnetID, vxlanMode, ipipMode
    }

    /// Decodes an IPPool in either API group.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(ObjectMeta.self, forKey: .metadata).name
        let spec = try c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
        cidr = try spec.decode(PrefixText.self, forKey: .cidr).prefix
        blockSize = try spec.decodeIfPresent(Int.self, forKey: .blockSize)
            ?? (cidr.family == .v4 ? (spec.contains(.awsSubnetID) ? 32 : 26) : 122)
        natOutgoing = try spec.decodeIfPresent(Bool.self, forKey: .natOutgoing) ?? false
        disabled = try spec.decodeIfPresent(Bool.self, forKey: .disabled) ?? false
        nodeSelector = try spec.decodeIfPresent(String.self, forKey: .nodeSelector)
        allowedUses = try spec.decodeIfPresent([String].self, forKey: .allowedUses) ?? ["Workload", "Tunnel"]
        awsSubnetID = try spec.decodeIfPresent(String.self, forKey: .awsSubnetID)
        vxlanMode = try spec.decodeIfPresent(String.self, forKey: .vxlanMode)
        ipipMode = try spec.decodeIfPresent(String.self, forKey: .ipipMode)
    }
}
