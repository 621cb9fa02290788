import Inventory

/// What the NETWORK-ACL phase decided on one path: the subnet's ACL, the outbound rule that
/// matched the packet and what the inbound rules do with its return.
public struct TraceNetworkAcl: Hashable, Sendable {
    /// The ACL (`acl-…`).
    public var networkAclID: String
    /// True when it is the VPC's default ACL (the subnet has no association of its own).
    public var isDefault: Bool
    /// The subnet it filters.
    public var subnet: String
    /// The outbound rule number that matched; 32767 for the implicit `*` deny.
    public var outboundRule: Int
    /// What the outbound rule does.
    public var outboundAction: NetworkAclEntry.Action
    /// The return's destination ports checked (the source port, or the ephemeral range); nil
    /// when the outbound rule denies or the protocol has no ports.
    public var returnPorts: ClosedRange<Int>?
    /// The inbound rule number that decided the return: the first that denies part of it
    /// (32767 for `*`), else the first that allows it; nil when the return was not checked.
    public var returnRule: Int?
    /// What `returnRule` does.
    public var returnAction: NetworkAclEntry.Action?
    /// The return ports denied, in order (empty when all are allowed).
    public var returnDenied: [ClosedRange<Int>]
    /// True when none of the return is allowed.
    public var returnBlocked: Bool
}
