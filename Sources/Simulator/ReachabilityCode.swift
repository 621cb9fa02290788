/// Why a trace phase did not pass a packet cleanly, as an AWS Reachability Analyzer explanation
/// code (docs/aws-path.md §8). The raw values are AWS's strings, so scripts can match them with
/// what the analyzer reports for the same path.
public enum ReachabilityCode: String, Hashable, Sendable, CaseIterable {
    /// No egress rule of the ENI's security groups allows the packet.
    case eniSecurityGroupRulesMismatch = "ENI_SG_RULES_MISMATCH"
    /// The ENI's security groups have no egress rule at all.
    case securityGroupHasNoRules = "SG_HAS_NO_RULES"
    /// A network ACL rule (or its implicit `*` deny) stops the packet or its return.
    case subnetAclRestriction = "SUBNET_ACL_RESTRICTION"
    /// No route of the subnet's route table covers the destination (or the subnet has no table).
    case noRouteToDestination = "NO_ROUTE_TO_DESTINATION"
    /// The chosen route is a blackhole.
    case badStateRoute = "BAD_STATE_ROUTE"
    /// The route leads to an internet gateway but the source has no public address.
    case igwPublicIPAssociationForEgress = "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"
    /// The VPC's transit gateway attachment is associated with no TGW route table.
    case tgwAttachMissingRouteTableAssociation = "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION"
    /// No route of the TGW route table covers the destination.
    case tgwNoRouteToAttachment = "TGW_RTB_NO_ROUTE_TO_TGW_ATTACHMENT"
    /// The chosen TGW route is a blackhole.
    case tgwBadStateRoute = "TGW_RTB_BAD_STATE_ROUTE"
    /// The source address is on no known ENI.
    case eniAddressRestriction = "ENI_ADDRESS_RESTRICTION"
    /// The chosen route cannot carry the packet (an IPv4 packet to an egress-only internet gateway).
    case cannotRoute = "CANNOT_ROUTE"
    /// No path at all: the packet has no source address of the destination's family (IPv6 to a
    /// pod or gateway without an IPv6 address).
    case noPath = "NO_PATH"
    /// The VPC's transit gateway attachment has no subnet in the source's availability zone.
    case tgwRouteAZRestriction = "TGW_ROUTE_AZ_RESTRICTION"
    /// Additional detail: the flow leaves the transit gateway in another availability zone.
    case availabilityZoneCrossed = "AVAILABILITY_ZONE_CROSSED"
    /// Additional detail: a firewall behind a multi-zone attachment without appliance mode (the
    /// return may take another zone's path).
    case applianceModeRecommended = "TRANSIT_GATEWAY_APPLIANCE_MODE_RECOMMENDED"
}
