/// What the SECURITY-GROUP phase decided on one path: the ENI's groups and, when the packet is
/// allowed, the group and egress rule that allow it.
public struct TraceSecurityGroup: Hashable, Sendable {
    /// The groups of the ENI holding the source address, as the ENI lists them.
    public var groupIDs: [String]
    /// The group whose rule allows the packet; nil when no rule does.
    public var groupID: String?
    /// That group's name.
    public var groupName: String?
    /// The rule's index in the group's `IpPermissionsEgress`, from 0.
    public var ruleIndex: Int?
    /// The rule as a user reads it (`tcp 443 to 0.0.0.0/0`, `all traffic to sg-…`).
    public var rule: String?
    /// True when a rule allows the packet.
    public var allowed: Bool
}
